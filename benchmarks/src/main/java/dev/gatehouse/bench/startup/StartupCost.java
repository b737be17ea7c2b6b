package dev.gatehouse.bench.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Goal 5 of issue 13: what Gatehouse adds to start-up — reading and validating its settings,
 * preparing and linting every endpoint — for an application of 200 endpoints.
 *
 * <p>Generates 20 resource classes of 10 endpoints each (every one declaring its access, bounded
 * input and a DTO out, so the lint passes), compiles them, then starts the same embedded runtime
 * in a fresh JVM per run, alternately without Gatehouse on the class path and with every module
 * registered, and times each from process start to the line that says it listens: the runs of
 * each, their medians and the difference. Measured at 10 endpoints too, the two differences
 * separate what Gatehouse costs once (its classes, settings, keys) from what it costs per
 * endpoint (preparing and linting).
 *
 * <pre>{@code
 * java -cp <benchmarks class path> dev.gatehouse.bench.startup.StartupCost <out dir> <rounds>
 * }</pre>
 */
public final class StartupCost {

  public static final int METHODS = 10;
  private static final String PORT_LINE = dev.gatehouse.embedded.EmbeddedServerMain.PORT_LINE;
  private static final String SECRET = java.util.Base64.getEncoder()
      .encodeToString(new java.security.SecureRandom().generateSeed(32));

  private StartupCost() {
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/startup");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.println(measure(out, 20, rounds));
  }

  /**
   * Starts {@code rounds} pairs of servers with {@code classes} × 10 endpoints.
   *
   * @return endpoints, the runs of each in milliseconds, their medians and the difference
   */
  public static Map<String, Object> measure(Path out, int classes, int rounds) throws Exception {
    Path classDir = compile(out.resolve("endpoints-" + classes * METHODS), classes);
    String path = System.getProperty("java.class.path");
    String full = path + File.pathSeparator + classDir;
    String bare = classDir + File.pathSeparator + Arrays.stream(path.split(File.pathSeparator))
        .filter(StartupCost::notAGatehouseModule)
        .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    List<Long> bareMs = new ArrayList<>();
    List<Long> gatehouseMs = new ArrayList<>();
    start(bare, false, classes); // warms the disk cache for both
    start(full, true, classes);
    for (int r = 0; r < rounds; r++) {
      bareMs.add(start(bare, false, classes));
      gatehouseMs.add(start(full, true, classes));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("endpoints", classes * METHODS);
    result.put("bareMs", bareMs);
    result.put("gatehouseMs", gatehouseMs);
    result.put("bareMedianMs", median(bareMs));
    result.put("gatehouseMedianMs", median(gatehouseMs));
    result.put("addedMs", median(gatehouseMs) - median(bareMs));
    return result;
  }

  /** Gatehouse's library modules; the embedded runtime and everything else stay. */
  static boolean notAGatehouseModule(String entry) {
    String name = Path.of(entry).getFileName().toString();
    return !(name.startsWith("gatehouse-") && !name.startsWith("gatehouse-embedded"))
        && !entry.matches(".*/(core|jwt|cors|ratelimit|ownership|redis)/target/classes/?");
  }

  static String source(int c) {
    StringBuilder s = new StringBuilder("package gen;\n\n"
        + "import jakarta.annotation.security.PermitAll;\n"
        + "import jakarta.ws.rs.*;\n"
        + "import jakarta.ws.rs.core.MediaType;\n\n"
        + "@Path(\"/r" + c + "\")\n@Produces(MediaType.APPLICATION_JSON)\n"
        + "public class Resource" + c + " {\n"
        + "  public record Out(String value) {}\n");
    for (int m = 0; m < METHODS; m++) {
      s.append("  @GET @Path(\"/m").append(m).append("\") @PermitAll\n")
          .append("  public Out m").append(m).append("() { return new Out(\"").append(c)
          .append('-').append(m).append("\"); }\n");
    }
    return s.append("}\n").toString();
  }

  static Path compile(Path out, int classCount) throws IOException {
    Path src = out.resolve("src/gen");
    Path classes = out.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), "-proc:none"));
    for (int c = 0; c < classCount; c++) {
      Path f = src.resolve("Resource" + c + ".java");
      Files.writeString(f, source(c));
      args.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("the generated resources did not compile");
    }
    return classes;
  }

  /** Milliseconds from starting a JVM to its line saying it listens. */
  static long start(String classPath, boolean gatehouse, int classCount) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
        "dev.gatehouse.embedded.EmbeddedServerMain"));
    if (gatehouse) {
      cmd.addAll(List.of("--register", "dev.gatehouse.core.GatehouseCoreFeature",
          "--property", "gatehouse.jwt.issuer=bench", "--property", "gatehouse.jwt.audience=bench",
          "--property", "gatehouse.jwt.secret=" + SECRET));
    }
    for (int c = 0; c < classCount; c++) {
      cmd.addAll(List.of("--register", "gen.Resource" + c));
    }
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      StringBuilder seen = new StringBuilder();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith(PORT_LINE)) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }
        seen.append(line).append('\n');
      }
      throw new IllegalStateException("the server did not start:\n" + seen);
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
