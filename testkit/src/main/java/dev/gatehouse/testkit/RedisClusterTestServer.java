package dev.gatehouse.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster of three masters for tests, never a mock: the one named by
 * {@code GATEHOUSE_TEST_REDIS_CLUSTER_NODES} (comma-separated host:port) when it is set, otherwise
 * three {@code redis-server} processes of the embedded-redis artifact (see {@link RedisTestServer})
 * on free loopback ports, joined with CLUSTER MEET, given slots 0–5460, 5461–10921 and
 * 10922–16383, and awaited until every node reports {@code cluster_state:ok} and sees all 16384
 * slots. Needs Jedis on the test class path (testkit declares it {@code provided}).
 *
 * <pre>{@code
 * @RegisterExtension static final RedisClusterTestServer cluster = RedisClusterTestServer.shared();
 * ... .property("gatehouse.redis.url", cluster.url()) ...   // redis-cluster://127.0.0.1:p1,...
 * }</pre>
 *
 * <p>Tests that crash a node use {@link #ownEmbedded()} or {@link #ownEmbeddedWithReplicas()}
 * (each master gets a replica that the cluster promotes when its master dies), since an external
 * cluster must not be touched; {@link #killNode(String)} sends SIGKILL and
 * {@link #restartNode(String)} brings the node back with its identity and slots.
 */
public final class RedisClusterTestServer implements BeforeAllCallback, AfterAllCallback {

  public static final String ENV = "GATEHOUSE_TEST_REDIS_CLUSTER_NODES";
  public static final int SLOTS = 16_384;

  private static final int MASTERS = 3;
  /** Short, so a killed master is declared failed (and its replica promoted) within seconds. */
  private static final int NODE_TIMEOUT_MILLIS = 2_000;
  /** Generous: it bounds how long a broken setup takes to fail, not how fast a good one starts. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final boolean allowExternal;
  private final boolean withReplicas;
  private final List<RedisProcess> masters = new ArrayList<>();
  private final List<RedisProcess> replicas = new ArrayList<>();
  private List<String> external;
  private Path dir;

  private RedisClusterTestServer(boolean allowExternal, boolean withReplicas) {
    this.allowExternal = allowExternal;
    this.withReplicas = withReplicas;
  }

  /** The external cluster when configured, else three embedded masters. */
  public static RedisClusterTestServer shared() {
    return new RedisClusterTestServer(true, false);
  }

  /** Always three embedded masters of this test's own, which the test may kill and restart. */
  public static RedisClusterTestServer ownEmbedded() {
    return new RedisClusterTestServer(false, false);
  }

  /** Like {@link #ownEmbedded()}, and each master has a replica: six processes. */
  public static RedisClusterTestServer ownEmbeddedWithReplicas() {
    return new RedisClusterTestServer(false, true);
  }

  public synchronized void start() {
    String env = System.getenv(ENV);
    if (allowExternal && env != null && !env.isBlank()) {
      external = Arrays.stream(env.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      return;
    }
    if (!masters.isEmpty()) {
      throw new IllegalStateException("the cluster is already running: " + nodes());
    }
    dir = RedisProcess.newDirectory("gatehouse-redis-cluster-");
    try {
      Set<Integer> taken = new HashSet<>();
      for (int i = 0; i < MASTERS; i++) {
        masters.add(startNode("master-" + (i + 1), taken));
      }
      try (Jedis first = masters.get(0).client()) {
        for (RedisProcess other : masters.subList(1, MASTERS)) {
          first.clusterMeet(RedisProcess.HOST, other.port());
        }
      }
      for (int i = 0; i < MASTERS; i++) {
        try (Jedis node = masters.get(i).client()) {
          node.clusterAddSlots(IntStream.range(i * SLOTS / MASTERS, (i + 1) * SLOTS / MASTERS)
              .toArray());
        }
      }
      awaitClusterOk();
      if (withReplicas) {
        for (int i = 0; i < MASTERS; i++) {
          replicas.add(startNode("replica-" + (i + 1), taken));
        }
        attachReplicas();
      }
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private RedisProcess startNode(String name, Set<Integer> taken) {
    int port = RedisProcess.freePort(true, taken);
    taken.add(port);
    return RedisProcess.start(dir, name, port, false, List.of(
        "cluster-enabled yes",
        "cluster-config-file nodes-" + port + ".conf",
        "cluster-node-timeout " + NODE_TIMEOUT_MILLIS,
        "save \"\"",
        "appendonly no"));
  }

  private void attachReplicas() {
    List<String> masterIds = new ArrayList<>();
    for (RedisProcess master : masters) {
      try (Jedis jedis = master.client()) {
        masterIds.add(jedis.clusterMyId());
      }
    }
    for (int i = 0; i < MASTERS; i++) {
      RedisProcess replica = replicas.get(i);
      String masterId = masterIds.get(i);
      try (Jedis jedis = replica.client()) {
        jedis.clusterMeet(RedisProcess.HOST, masters.get(0).port());
      }
      // CLUSTER REPLICATE refuses a master the node has not heard of yet through gossip
      BoundedPoll.until(READY_TIMEOUT, replica + " replicating " + masters.get(i), () -> {
        try (Jedis jedis = replica.client()) {
          return Optional.of(jedis.clusterReplicate(masterId));
        }
      });
    }
    awaitClusterOk();
    BoundedPoll.until(READY_TIMEOUT, "every replica's link to its master up, and known as a "
        + "replica by every node", () -> {
          for (int i = 0; i < MASTERS; i++) {
            RedisProcess replica = replicas.get(i);
            String masterId = masterIds.get(i);
            String replicaId;
            try (Jedis jedis = replica.client()) {
              String link = RedisProcess.fields(jedis.info("replication"))
                  .get("master_link_status");
              if (!"up".equals(link)) {
                throw new IllegalStateException(replica + ": master_link_status:" + link);
              }
              replicaId = jedis.clusterMyId();
            }
            for (RedisProcess node : all()) {
              try (Jedis jedis = node.client()) {
                boolean known = jedis.clusterNodes().lines()
                    .map(line -> line.split(" "))
                    .anyMatch(f -> f[0].equals(replicaId) && f[2].contains("slave")
                        && f[3].equals(masterId));
                if (!known) {
                  throw new IllegalStateException(node + " does not see " + replica
                      + " as a replica");
                }
              }
            }
          }
          return Optional.of(true);
        });
  }

  /**
   * Returns once every running node reports {@code cluster_state:ok}, all 16384 slots served and
   * every node of the cluster known — after {@link #start()}, and after a restart when the test
   * needs a settled cluster again. Fails after 60 s (a cluster whose killed master has no replica
   * never gets there). Right after a kill it may still return at once: the others call a node
   * failed only after the node timeout (2 s); {@link #awaitFailover} waits for that.
   */
  public void awaitClusterOk() {
    List<RedisProcess> running = all().stream().filter(RedisProcess::isAlive).toList();
    int expectedNodes = all().size();
    BoundedPoll.until(READY_TIMEOUT, "cluster_state:ok with all " + SLOTS + " slots on " + running,
        () -> {
          for (RedisProcess node : running) {
            try (Jedis jedis = node.client()) {
              Map<String, String> info = RedisProcess.fields(jedis.clusterInfo());
              if (!"ok".equals(info.get("cluster_state"))
                  || !String.valueOf(SLOTS).equals(info.get("cluster_slots_ok"))
                  || !String.valueOf(expectedNodes).equals(info.get("cluster_known_nodes"))) {
                throw new IllegalStateException(node + ": " + info);
              }
            }
          }
          return Optional.of(true);
        });
  }

  /** Stops every process of an embedded cluster and deletes its directory; never external ones. */
  public synchronized void stop() {
    RuntimeException failure = null;
    for (RedisProcess node : all()) {
      try {
        node.kill();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    masters.clear();
    replicas.clear();
    RedisProcess.deleteDirectory(dir);
    dir = null;
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * SIGKILLs the embedded node at {@code hostPort} (one of {@link #nodes()} or
   * {@link #replicas()}) and returns once it has exited. Aborts the calling test (a JUnit
   * assumption) on an external cluster, which this harness must never touch.
   */
  public void killNode(String hostPort) {
    own(hostPort).kill();
  }

  /**
   * After {@link #killNode(String)} of a master of {@link #ownEmbeddedWithReplicas()}: waits until
   * every running node marks it failed, names its replica master and reports
   * {@code cluster_state:ok} with all slots served again; returns the promoted replica's address.
   */
  public String awaitFailover(String killedMaster, Duration limit) {
    int index = nodes().indexOf(killedMaster);
    RedisProcess master = own(killedMaster);
    if (index < 0 || replicas.isEmpty() || master.isAlive()) {
      throw new IllegalStateException("awaitFailover() waits for the replica of a master that "
          + "killNode() killed, in a cluster of ownEmbeddedWithReplicas(); " + killedMaster
          + (master.isAlive() ? " is running" : " has no replica"));
    }
    RedisProcess replica = replicas.get(index);
    List<RedisProcess> running = all().stream().filter(RedisProcess::isAlive).toList();
    BoundedPoll.until(limit, replica + " taking over from " + master, () -> {
      for (RedisProcess node : running) {
        try (Jedis jedis = node.client()) {
          Map<String, String> info = RedisProcess.fields(jedis.clusterInfo());
          String nodes = jedis.clusterNodes();
          boolean masterFailed = hasFlag(nodes, master, "fail");
          boolean replicaPromoted = hasFlag(nodes, replica, "master");
          if (!masterFailed || !replicaPromoted || !"ok".equals(info.get("cluster_state"))
              || !String.valueOf(SLOTS).equals(info.get("cluster_slots_ok"))) {
            throw new IllegalStateException(node + ": " + info.get("cluster_state") + ", "
                + master + " failed: " + masterFailed + ", " + replica + " master: "
                + replicaPromoted);
          }
        }
      }
      return Optional.of(true);
    });
    return replica.address();
  }

  /** Whether the line of {@code node} in a CLUSTER NODES answer has {@code flag}. */
  private static boolean hasFlag(String clusterNodes, RedisProcess node, String flag) {
    return clusterNodes.lines().map(line -> line.split(" "))
        .anyMatch(f -> f[1].split("@")[0].equals(node.address())
            && Arrays.asList(f[2].split(",")).contains(flag));
  }

  /**
   * Starts a killed node again on its port with its cluster-config-file, so it rejoins with its
   * identity (and, if still its, its slots); returns once it answers PING. Follow with
   * {@link #awaitClusterOk()} to wait until the cluster has taken it back.
   */
  public void restartNode(String hostPort) {
    own(hostPort).start();
  }

  private RedisProcess own(String hostPort) {
    Assumptions.assumeTrue(external == null, "this test kills or restarts a cluster node, which it "
        + "must not do to the external cluster of " + ENV
        + "; use RedisClusterTestServer.ownEmbedded()");
    return all().stream().filter(n -> n.address().equals(hostPort)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(hostPort
            + " is not a node of this cluster: " + all()));
  }

  /**
   * The masters as started, "127.0.0.1:port" each, or the external nodes; the list stays the same
   * when a replica takes over.
   */
  public List<String> nodes() {
    return external != null ? external : masters.stream().map(RedisProcess::address).toList();
  }

  /** The replicas as started, empty unless {@link #ownEmbeddedWithReplicas()}. */
  public List<String> replicas() {
    return replicas.stream().map(RedisProcess::address).toList();
  }

  /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}: a client's seed nodes. */
  public String url() {
    return "redis-cluster://" + String.join(",", nodes());
  }

  public boolean isEmbedded() {
    return external == null && !masters.isEmpty();
  }

  private List<RedisProcess> all() {
    List<RedisProcess> all = new ArrayList<>(masters);
    all.addAll(replicas);
    return all;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }
}
