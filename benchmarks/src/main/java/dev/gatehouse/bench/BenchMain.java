package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.bench.ratelimit.Footprint;
import dev.gatehouse.bench.redis.BenchRedis;
import dev.gatehouse.bench.redis.RedisOps;
import dev.gatehouse.bench.redis.RoundTrips;
import dev.gatehouse.bench.report.Report;
import dev.gatehouse.bench.startup.StartupCost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import redis.clients.jedis.UnifiedJedis;

/**
 * The harness: runs every benchmark group in interleaved rounds (round 1 of each group, then
 * round 2 of each, …) so that a slow spell of a shared machine hits candidates and rivals alike,
 * writes all rounds to {@code jmh.json}, counts Redis round trips and heap per bucket into
 * {@code extra.json}, then writes the report ({@link Report}).
 *
 * <pre>
 * --out DIR        where the files go (benchmarks/target)
 * --rounds N       interleaved rounds (3); 0 writes the report again from the files there
 * --include REGEX  only benchmarks whose name matches, e.g. Hs256 (all)
 * --jmh "OPTS"     JMH's own options for every group, e.g. "-f 1 -wi 3 -i 5 -w 1s -r 1s"
 * </pre>
 */
public final class BenchMain {

  /** A group of benchmarks and the thread counts it runs at. */
  private record Group(String regex, boolean needsRedis, int... threads) {
  }

  private static final List<Group> GROUPS = List.of(
      new Group("\\.bench\\.jwt\\.", false, 1),
      new Group("\\.InProcessLimitBenchmark\\.", false, 1, 2),
      new Group("\\.RedisBenchmark\\.", true, 1, 4));

  private static final int COUNTED_OPS = 2000;
  private static final int FOOTPRINT_BUCKETS = 100_000;
  private static final int STARTUP_ROUNDS = 5;

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of("target");
    int rounds = 3;
    String include = ".*";
    String jmh = "";
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--out" -> out = Path.of(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--include" -> include = value;
        case "--jmh" -> jmh = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; known: --out, --rounds, --include, --jmh");
      }
    }
    Files.createDirectories(out);
    if (rounds == 0) {
      Report.write(out);
      System.out.println("[bench] wrote the report again from " + out.resolve("jmh.json"));
      return;
    }
    CommandLineOptions jmhOptions = new CommandLineOptions(
        jmh.isBlank() ? new String[0] : jmh.trim().split("\\s+"));
    boolean redis = BenchRedis.reachable();
    if (!redis) {
      System.err.println("[bench] no Redis at " + BenchRedis.url() + " (set "
          + BenchRedis.ENV + "): the Redis cases are left out of this run");
    }
    List<RunResult> results = new ArrayList<>();
    Pattern only = Pattern.compile(include);
    for (int round = 1; round <= rounds; round++) {
      for (Group g : GROUPS) {
        if (g.needsRedis() && !redis) {
          continue;
        }
        for (int threads : g.threads()) {
          System.out.println("[bench] round " + round + "/" + rounds + ": " + g.regex()
              + " on " + threads + " thread(s)");
          Options options = new OptionsBuilder()
              .parent(jmhOptions)
              .include("^(?=.*(?:" + only.pattern() + "))" + ".*" + g.regex())
              .threads(threads)
              .build();
          try {
            results.addAll(new Runner(options).run());
          } catch (NoBenchmarksException none) {
            // the --include filter left nothing of this group
          }
        }
      }
    }
    ResultFormatFactory.getInstance(ResultFormatType.JSON, out.resolve("jmh.json").toString())
        .writeOut(results);
    writeExtra(out.resolve("extra.json"), redis, only);
    Report.write(out);
    System.out.println("[bench] wrote " + out.resolve("results.md") + ", results.json and"
        + " ratios.png");
  }

  private static void writeExtra(Path file, boolean redis, Pattern only) throws Exception {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode extra = json.createObjectNode();
    if (redis && only.matcher("RedisBenchmark").find()) {
      ObjectNode trips = extra.putObject("redisRoundTrips");
      try (UnifiedJedis client = BenchRedis.open()) {
        RedisOps ops = new RedisOps(client);
        RedisOps.Session session = ops.session();
        trips.putPOJO("PING", RoundTrips.count(client, COUNTED_OPS, ops::ping));
        trips.putPOJO("Gatehouse rate-limit decision",
            RoundTrips.count(client, COUNTED_OPS, ops::gatehouseRateLimit));
        trips.putPOJO("Bucket4j Jedis proxy tryConsume",
            RoundTrips.count(client, COUNTED_OPS, ops::bucket4jJedis));
        trips.putPOJO("Gatehouse refresh rotation",
            RoundTrips.count(client, COUNTED_OPS, session::rotate));
      }
    }
    if (only.matcher("InProcessLimitBenchmark").find()) {
      ObjectNode bytes = extra.putObject("bytesPerBucket");
      bytes.put("buckets", FOOTPRINT_BUCKETS);
      bytes.putPOJO("perBucket", Footprint.perBucket(FOOTPRINT_BUCKETS));
    }
    if (only.matcher("StartupCost").find()) {
      ObjectNode startup = extra.putObject("startup");
      for (int classes : new int[] {1, 20}) {
        System.out.println("[bench] start-up with " + classes * StartupCost.METHODS
            + " endpoints, " + STARTUP_ROUNDS + " interleaved pairs of fresh JVMs");
        startup.putPOJO(String.valueOf(classes * StartupCost.METHODS),
            StartupCost.measure(file.resolveSibling("startup"), classes, STARTUP_ROUNDS));
      }
    }
    json.writeValue(file.toFile(), extra);
  }
}
