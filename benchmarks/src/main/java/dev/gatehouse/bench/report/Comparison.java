package dev.gatehouse.bench.report;

import java.util.List;

/**
 * One figure of the report: a candidate's score as a ratio of a baseline's from the same run
 * (higher is better for both, as both are operations per second), and the goal from issue 13
 * when there is one.
 *
 * @param measure what a reader sees in the table and chart
 * @param candidate key of the Gatehouse benchmark, as {@link Measured#key} spells it
 * @param baseline key of the rival or floor it is divided by
 * @param goal the ratio issue 13 asks for, or {@code null}
 */
public record Comparison(String measure, String candidate, String baseline, Double goal) {

  private static final String HS = "Hs256VerifyBenchmark.";
  private static final String RS = "Rs256VerifyBenchmark.";
  private static final String MEM = "InProcessLimitBenchmark.";
  private static final String REDIS = "RedisBenchmark.";

  /** Every comparison the harness reports; a pair missing from a run is left out. */
  public static final List<Comparison> ALL = List.of(
      new Comparison("HS256 first-seen vs nimbus-jose-jwt",
          HS + "gatehouseFirstSeen@t1", HS + "nimbusProcessor@t1", 1.0),
      new Comparison("HS256 first-seen vs smallrye-jwt (reused parser)",
          HS + "gatehouseFirstSeen@t1", HS + "smallryeReusedParser@t1", null),
      new Comparison("HS256 first-seen vs jose4j",
          HS + "gatehouseFirstSeen@t1", HS + "jose4jConsumer@t1", null),
      new Comparison("HS256 first-seen vs raw JCA",
          HS + "gatehouseFirstSeen@t1", HS + "rawJca@t1", null),
      new Comparison("HS256 same token again vs raw JCA",
          HS + "gatehouseSameToken@t1", HS + "rawJca@t1", 0.5),
      new Comparison("RS256 first-seen vs raw JCA Signature",
          RS + "gatehouseFirstSeen@t1", RS + "rawJca@t1", 0.9),
      new Comparison("RS256 first-seen vs nimbus-jose-jwt",
          RS + "gatehouseFirstSeen@t1", RS + "nimbusProcessor@t1", null),
      new Comparison("in-process, hot key, 1 thread vs Bucket4j local",
          MEM + "gatehouse[keys=1]@t1", MEM + "bucket4jLocal[keys=1]@t1", 1.0),
      new Comparison("in-process, hot key, 2 threads vs Bucket4j local",
          MEM + "gatehouse[keys=1]@t2", MEM + "bucket4jLocal[keys=1]@t2", 1.0),
      new Comparison("in-process, 100,000 keys, 1 thread vs Bucket4j local",
          MEM + "gatehouse[keys=100000]@t1", MEM + "bucket4jLocal[keys=100000]@t1", 1.0),
      new Comparison("in-process, 100,000 keys, 2 threads vs Bucket4j local",
          MEM + "gatehouse[keys=100000]@t2", MEM + "bucket4jLocal[keys=100000]@t2", 1.0),
      new Comparison("in-process, 100,000 keys, 1 thread vs resilience4j map",
          MEM + "gatehouse[keys=100000]@t1", MEM + "resilience4jMap[keys=100000]@t1", null),
      new Comparison("in-process, hot key: 2 threads vs 1 thread (scaling)",
          MEM + "gatehouse[keys=1]@t2", MEM + "gatehouse[keys=1]@t1", null),
      new Comparison("in-process, 100,000 keys: 2 threads vs 1 thread (scaling)",
          MEM + "gatehouse[keys=100000]@t2", MEM + "gatehouse[keys=100000]@t1", null),
      new Comparison("Redis rate limit, hot key, 1 thread vs PING",
          REDIS + "gatehouseRateLimitHotKey@t1", REDIS + "ping@t1", 0.9),
      new Comparison("Redis rate limit, hot key, 4 threads vs PING",
          REDIS + "gatehouseRateLimitHotKey@t4", REDIS + "ping@t4", 0.9),
      new Comparison("Redis rate limit, hot key, 1 thread vs Bucket4j Jedis",
          REDIS + "gatehouseRateLimitHotKey@t1", REDIS + "bucket4jJedisHotKey@t1", null),
      new Comparison("Redis rate limit, hot key, 4 threads vs Bucket4j Jedis",
          REDIS + "gatehouseRateLimitHotKey@t4", REDIS + "bucket4jJedisHotKey@t4", null),
      new Comparison("Redis refresh rotation, 1 thread vs PING",
          REDIS + "gatehouseRefreshRotation@t1", REDIS + "ping@t1", 0.9),
      new Comparison("Redis refresh rotation, 4 threads vs PING",
          REDIS + "gatehouseRefreshRotation@t4", REDIS + "ping@t4", 0.9));
}
