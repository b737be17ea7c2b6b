package dev.gatehouse.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Sentinel setup for tests, never a mock: the sentinels named by
 * {@code GATEHOUSE_TEST_REDIS_SENTINELS} (comma-separated host:port) watching the master named by
 * {@code GATEHOUSE_TEST_REDIS_MASTER_NAME} when both are set, otherwise five processes of the
 * embedded-redis artifact's {@code redis-server} (see {@link RedisTestServer}) on free loopback
 * ports: a master, a replica and three sentinels (quorum 2) — awaited until every sentinel knows
 * the master, the replica and the two other sentinels, and the replica's link is up. Needs Jedis on
 * the test class path (testkit declares it {@code provided}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisSentinelTestServer redis = RedisSentinelTestServer.ownEmbedded();
 * ... write through a client built from redis.sentinels() and redis.masterName() ...
 * String old = redis.killMaster();
 * String promoted = redis.awaitFailover(Duration.ofSeconds(60));
 * }</pre>
 *
 * <p>The sentinels call a master down after 1 s without an answer and promote the replica then,
 * so a failover takes a few seconds rather than Redis's default 30 s; {@link #killMaster()}
 * (SIGKILL, what a crash looks like) is refused on an external setup, which this harness must
 * never touch.
 */
public final class RedisSentinelTestServer implements BeforeAllCallback, AfterAllCallback {

  public static final String SENTINELS_ENV = "GATEHOUSE_TEST_REDIS_SENTINELS";
  public static final String MASTER_NAME_ENV = "GATEHOUSE_TEST_REDIS_MASTER_NAME";
  public static final String DEFAULT_MASTER_NAME = "gatehouse";

  private static final int SENTINELS = 3;
  private static final int QUORUM = 2;
  /** Short, so a killed master is down (and the failover starts) a second later. */
  private static final int DOWN_AFTER_MILLIS = 1_000;
  /** Also how long before a failed attempt is retried (twice this): short for the same reason. */
  private static final int FAILOVER_TIMEOUT_MILLIS = 5_000;
  /** Generous: it bounds how long a broken setup takes to fail, not how fast a good one starts. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final boolean allowExternal;
  private final List<RedisProcess> dataNodes = new ArrayList<>();
  private final List<RedisProcess> sentinelNodes = new ArrayList<>();
  private List<String> externalSentinels;
  private String masterName = DEFAULT_MASTER_NAME;
  private RedisProcess killed;
  private Path dir;

  private RedisSentinelTestServer(boolean allowExternal) {
    this.allowExternal = allowExternal;
  }

  /** The external setup when configured, else an embedded one. */
  public static RedisSentinelTestServer shared() {
    return new RedisSentinelTestServer(true);
  }

  /** Always an embedded setup of this test's own, whose master the test may kill. */
  public static RedisSentinelTestServer ownEmbedded() {
    return new RedisSentinelTestServer(false);
  }

  public synchronized void start() {
    String sentinelsEnv = System.getenv(SENTINELS_ENV);
    if (allowExternal && sentinelsEnv != null && !sentinelsEnv.isBlank()) {
      String name = System.getenv(MASTER_NAME_ENV);
      if (name == null || name.isBlank()) {
        throw new IllegalStateException(SENTINELS_ENV + " is set but " + MASTER_NAME_ENV
            + " is not: set it to the name the sentinels monitor the master by, e.g. mymaster");
      }
      externalSentinels = Arrays.stream(sentinelsEnv.split(",")).map(String::trim)
          .filter(s -> !s.isEmpty()).toList();
      masterName = name.trim();
      return;
    }
    if (!dataNodes.isEmpty()) {
      throw new IllegalStateException("the sentinel setup is already running: " + sentinels());
    }
    dir = RedisProcess.newDirectory("gatehouse-redis-sentinel-");
    try {
      Set<Integer> taken = new HashSet<>();
      RedisProcess master = startDataNode("redis-1", taken, List.of());
      dataNodes.add(master);
      dataNodes.add(startDataNode("redis-2", taken,
          List.of("replicaof " + RedisProcess.HOST + " " + master.port())));
      for (int i = 1; i <= SENTINELS; i++) {
        int port = RedisProcess.freePort(false, taken);
        taken.add(port);
        sentinelNodes.add(RedisProcess.start(dir, "sentinel-" + i, port, true, List.of(
            "sentinel announce-ip " + RedisProcess.HOST,
            "sentinel monitor " + masterName + " " + RedisProcess.HOST + " " + master.port() + " "
                + QUORUM,
            "sentinel down-after-milliseconds " + masterName + " " + DOWN_AFTER_MILLIS,
            "sentinel failover-timeout " + masterName + " " + FAILOVER_TIMEOUT_MILLIS,
            "sentinel parallel-syncs " + masterName + " 1")));
      }
      awaitSettled(master.address());
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private RedisProcess startDataNode(String name, Set<Integer> taken, List<String> extra) {
    int port = RedisProcess.freePort(false, taken);
    taken.add(port);
    List<String> lines = new ArrayList<>(List.of("save \"\"", "appendonly no"));
    lines.addAll(extra);
    return RedisProcess.start(dir, name, port, false, lines);
  }

  /**
   * Every sentinel names {@code expected} — or, when null, one master they all agree on — and sees
   * it up with one replica whose link is up and two other sentinels: what a failover needs, a
   * replica to promote and a quorum that can vote.
   */
  private void awaitSettled(String expected) {
    BoundedPoll.until(READY_TIMEOUT, "every sentinel knowing master "
        + (expected == null ? "(any they agree on)" : expected) + ", its replica and the other"
        + " sentinels", () -> {
          String master = expected != null ? expected : masterAddress();
          for (RedisProcess sentinel : sentinelNodes) {
            try (Jedis jedis = sentinel.client()) {
              Map<String, String> m = jedis.sentinelMaster(masterName);
              if (!master.equals(m.get("ip") + ":" + m.get("port"))
                  || !"master".equals(m.get("flags"))
                  || !"1".equals(m.get("num-slaves"))
                  || !String.valueOf(SENTINELS - 1).equals(m.get("num-other-sentinels"))) {
                throw new IllegalStateException(sentinel + ": " + m);
              }
              List<Map<String, String>> replicas = jedis.sentinelReplicas(masterName);
              if (replicas.size() != 1 || !"slave".equals(replicas.get(0).get("flags"))
                  || !"ok".equals(replicas.get(0).get("master-link-status"))) {
                throw new IllegalStateException(sentinel + " replicas: " + replicas);
              }
            }
          }
          for (RedisProcess node : dataNodes) {
            if (!node.address().equals(master)) {
              try (Jedis jedis = node.client()) {
                Map<String, String> info = RedisProcess.fields(jedis.info("replication"));
                if (!"up".equals(info.get("master_link_status"))
                    || !master.endsWith(":" + info.get("master_port"))) {
                  throw new IllegalStateException(node + ": " + info);
                }
              }
            }
          }
          return Optional.of(true);
        });
  }

  /** Stops every process of an embedded setup and deletes its directory; never an external one. */
  public synchronized void stop() {
    RuntimeException failure = null;
    for (RedisProcess p : all()) {
      try {
        p.kill();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    dataNodes.clear();
    sentinelNodes.clear();
    killed = null;
    RedisProcess.deleteDirectory(dir);
    dir = null;
    if (failure != null) {
      throw failure;
    }
  }

  public String masterName() {
    return masterName;
  }

  /** The sentinels, "127.0.0.1:port" each: what a client is configured with. */
  public List<String> sentinels() {
    return externalSentinels != null ? externalSentinels
        : sentinelNodes.stream().map(RedisProcess::address).toList();
  }

  /** The master's address as the first sentinel that answers reports it now. */
  public String masterAddress() {
    RuntimeException failure = new IllegalStateException("no sentinel of " + sentinels()
        + " answered for master " + masterName);
    for (String sentinel : sentinels()) {
      try (Jedis jedis = new Jedis(HostAndPort.from(sentinel))) {
        List<String> hostPort = jedis.sentinelGetMasterAddrByName(masterName);
        if (hostPort != null && hostPort.size() == 2) {
          return hostPort.get(0) + ":" + hostPort.get(1);
        }
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  }

  /**
   * SIGKILLs the current master (as the sentinels report it) and returns its address once the
   * process has exited. Aborts the calling test (a JUnit assumption) on an external setup.
   */
  public synchronized String killMaster() {
    Assumptions.assumeTrue(externalSentinels == null, "this test kills the Redis master, which it "
        + "must not do to the external setup of " + SENTINELS_ENV
        + "; use RedisSentinelTestServer.ownEmbedded()");
    String master = masterAddress();
    RedisProcess process = dataNodes.stream().filter(n -> n.address().equals(master)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the sentinels name " + master
            + " as master, which is none of " + dataNodes));
    process.kill();
    killed = process;
    return master;
  }

  /**
   * SIGKILLs the master's replica (the data node that is alive and not the master) and returns its
   * address once the process has exited: the master then has no replica to acknowledge a write.
   * Aborts the calling test (a JUnit assumption) on an external setup.
   */
  public synchronized String killReplica() {
    Assumptions.assumeTrue(externalSentinels == null, "this test kills a Redis replica, which it "
        + "must not do to the external setup of " + SENTINELS_ENV
        + "; use RedisSentinelTestServer.ownEmbedded()");
    String master = masterAddress();
    RedisProcess replica = dataNodes.stream()
        .filter(n -> n.isAlive() && !n.address().equals(master)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no live replica of " + master + " among "
            + dataNodes));
    replica.kill();
    return replica.address();
  }

  /**
   * Waits until every sentinel names a master other than the one {@link #killMaster()} killed and
   * that node itself answers ROLE as master; returns its address. Fails after {@code limit}.
   */
  public String awaitFailover(Duration limit) {
    RedisProcess old;
    synchronized (this) {
      old = killed;
    }
    if (old == null) {
      throw new IllegalStateException("awaitFailover() waits for the failover that killMaster() "
          + "causes; call killMaster() first");
    }
    return BoundedPoll.until(limit, "the sentinels promoting a replica of " + old, () -> {
      Set<String> named = new HashSet<>();
      for (RedisProcess sentinel : sentinelNodes) {
        try (Jedis jedis = sentinel.client()) {
          List<String> hostPort = jedis.sentinelGetMasterAddrByName(masterName);
          named.add(hostPort.get(0) + ":" + hostPort.get(1));
        }
      }
      if (named.size() != 1 || named.contains(old.address())) {
        throw new IllegalStateException("sentinels name " + named);
      }
      String promoted = named.iterator().next();
      RedisProcess node = dataNodes.stream().filter(n -> n.address().equals(promoted)).findFirst()
          .orElseThrow(() -> new BoundedPoll.GiveUp("sentinels promoted " + promoted
              + ", which is none of " + dataNodes));
      try (Jedis jedis = node.client()) {
        Object role = jedis.role().get(0);
        String text = role instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
            : String.valueOf(role);
        return "master".equals(text) ? Optional.of(promoted) : Optional.empty();
      }
    });
  }

  /**
   * Starts the master that {@link #killMaster()} killed again, on its port, as a replica of the
   * current master — what an operator does, and what the sentinels would do themselves only 10 to
   * 20 s later (they leave a returning old master alone for 8 s, and ask it for INFO every 10 s).
   * Returns once every sentinel agrees on a master with one replica whose link is up, so the setup
   * can fail over once more — normally the promoted one with this as its replica; on a starved
   * machine the sentinels may have failed over again meanwhile, and then the other way round.
   */
  public void restartOldMaster() {
    RedisProcess old;
    synchronized (this) {
      old = killed;
      killed = null;
    }
    if (old == null) {
      throw new IllegalStateException("no master was killed; call killMaster() first");
    }
    String master = masterAddress();
    old.start("--replicaof", master.substring(0, master.lastIndexOf(':')),
        master.substring(master.lastIndexOf(':') + 1));
    // on a starved machine the sentinels may fail over once more (a master slow to answer PING
    // within the second they allow): whichever master they then agree on, with its replica
    awaitSettled(null);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private List<RedisProcess> all() {
    List<RedisProcess> all = new ArrayList<>(sentinelNodes);
    all.addAll(dataNodes);
    return all;
  }
}
