package dev.gatehouse.testkit;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Keys that land on a chosen cluster node, so a test can prove where a write went. */
final class ClusterKeys {

  private ClusterKeys() {
  }

  /** The first {@code prefix + "key-" + n} whose slot the master at {@code node} serves now. */
  static String servedBy(String node, String prefix) {
    List<int[]> ranges = new ArrayList<>();
    try (Jedis direct = new Jedis(HostAndPort.from(node))) {
      String myself = direct.clusterNodes().lines().filter(l -> l.contains("myself"))
          .findFirst().orElseThrow();
      String[] fields = myself.split(" ");
      // CLUSTER NODES: id, address, flags, master, ping, pong, epoch, link, then slot ranges
      for (int i = 8; i < fields.length; i++) {
        String[] ends = fields[i].split("-");
        int from = Integer.parseInt(ends[0]);
        ranges.add(new int[] {from, ends.length == 2 ? Integer.parseInt(ends[1]) : from});
      }
    }
    if (ranges.isEmpty()) {
      throw new IllegalStateException(node + " serves no slot");
    }
    for (int i = 0; ; i++) {
      String key = prefix + "key-" + i;
      int slot = JedisClusterCRC16.getSlot(key);
      if (ranges.stream().anyMatch(r -> r[0] <= slot && slot <= r[1])) {
        return key;
      }
    }
  }
}
