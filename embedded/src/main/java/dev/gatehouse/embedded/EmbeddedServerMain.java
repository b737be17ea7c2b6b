package dev.gatehouse.embedded;

import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedServer} as its own process (the test kit's {@code EmbeddedServerProcess}
 * starts one as a second application instance for tests of shared state). Arguments:
 * {@code --register <class>} and {@code --property <name>=<value>}, repeated, and
 * {@code --limits production} for the example's limits against slow clients
 * ({@link EmbeddedServer.Limits#production()}; the benchmarks' baseline runs with them too). Prints
 * {@code GATEHOUSE-EMBEDDED-PORT=<port>} once listening and runs until killed.
 */
public final class EmbeddedServerMain {

  /** Printed, followed by the port, once the server listens. */
  public static final String PORT_LINE = "GATEHOUSE-EMBEDDED-PORT=";

  private EmbeddedServerMain() {
  }

  public static void main(String[] args) throws Exception {
    EmbeddedServer.Builder builder = EmbeddedServer.builder();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--register" -> builder.register(Class.forName(args[i + 1]));
        case "--limits" -> {
          if (!args[i + 1].equals("production")) {
            throw new IllegalArgumentException("--limits takes production, not " + args[i + 1]);
          }
          builder.limits(EmbeddedServer.Limits.production());
        }
        case "--property" -> {
          int eq = args[i + 1].indexOf('=');
          builder.property(args[i + 1].substring(0, eq), args[i + 1].substring(eq + 1));
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    EmbeddedServer server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    System.out.println(PORT_LINE + server.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
