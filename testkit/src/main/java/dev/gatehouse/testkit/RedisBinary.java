package dev.gatehouse.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * The {@code redis-server} the multi-process harnesses run: the one shipped in the embedded-redis
 * artifact (6.2 for linux-amd64, also what {@link RedisTestServer} runs), so a fresh machine with
 * only Java and Maven needs no Redis installed; a {@code redis-server} on the PATH only when the
 * artifact has no binary that runs here. Extracted once per JVM; embedded-redis deletes it on exit.
 */
final class RedisBinary {

  private static final long VERSION_TIMEOUT_SECONDS = 30;

  private static Path path;
  private static String version;

  private RedisBinary() {
  }

  static synchronized Path path() {
    if (path == null) {
      IllegalStateException failure = new IllegalStateException("no redis-server runs here: "
          + "neither the one in the embedded-redis artifact nor one on the PATH");
      try {
        use(ExecutableProvider.newJarResourceProvider().get().toPath());
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
        try {
          use(ExecutableProvider.newExecutableInPath("redis-server").get().toPath());
        } catch (IOException | RuntimeException onPath) {
          failure.addSuppressed(onPath);
          throw failure;
        }
      }
    }
    return path;
  }

  /** What {@code redis-server --version} said, for messages and reports. */
  static synchronized String version() {
    path();
    return version;
  }

  private static void use(Path candidate) throws IOException {
    Process p = new ProcessBuilder(candidate.toString(), "--version").redirectErrorStream(true)
        .start();
    try {
      // a binary for another libc or CPU fails at once; the bound is for a machine under load
      if (!p.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(candidate + " --version did not answer within "
            + VERSION_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + candidate + " --version", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.exitValue() != 0 || !out.startsWith("Redis server v=")) {
      throw new IOException(candidate + " --version exited " + p.exitValue() + ": " + out);
    }
    version = out;
    path = candidate;
  }
}
