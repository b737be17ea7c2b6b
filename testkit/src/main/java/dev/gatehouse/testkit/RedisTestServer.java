package dev.gatehouse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * A real Redis for tests, never a mock: the one named by {@code GATEHOUSE_TEST_REDIS_URL} when it
 * is set, otherwise a {@code redis-server} binary shipped in the embedded-redis artifact, started
 * on a free loopback port and stopped after the test class.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisTestServer redis = RedisTestServer.shared();
 * ... .property("gatehouse.redis.url", redis.url()) ...
 * }</pre>
 *
 * <p>Tests that stop Redis to prove a failure policy use {@link #ownEmbedded()}, which always
 * starts its own server, since an external one must not be stopped; tests that need a Redis
 * configured their way (a password, an ACL user) pass redis.conf lines to
 * {@link #ownEmbedded(String...)}:
 *
 * <pre>{@code
 * @RegisterExtension static final RedisTestServer redis = RedisTestServer.ownEmbedded(
 *     "requirepass " + PASSWORD);
 * }</pre>
 */
public final class RedisTestServer implements BeforeAllCallback, AfterAllCallback {

  public static final String ENV = "GATEHOUSE_TEST_REDIS_URL";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final boolean allowExternal;
  private final List<String> settings;
  private RedisServer embedded;
  private int port;
  private String url;

  private RedisTestServer(boolean allowExternal, List<String> settings) {
    this.allowExternal = allowExternal;
    this.settings = List.copyOf(settings);
  }

  /** The external Redis when configured, else an embedded one. */
  public static RedisTestServer shared() {
    return new RedisTestServer(true, List.of());
  }

  /** Always an embedded server of this test's own, which the test may stop and start. */
  public static RedisTestServer ownEmbedded() {
    return new RedisTestServer(false, List.of());
  }

  /**
   * Always an embedded server of this test's own, with these lines added to its redis.conf, e.g.
   * {@code "requirepass s3cret"} or {@code "user app on >s3cret ~* &* +@all"}.
   */
  public static RedisTestServer ownEmbedded(String... redisConfLines) {
    return new RedisTestServer(false, List.of(redisConfLines));
  }

  public synchronized void start() {
    String external = System.getenv(ENV);
    if (allowExternal && external != null && !external.isBlank()) {
      url = external.trim();
      return;
    }
    if (port == 0) {
      port = freePort();
    }
    try {
      var builder = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .onShutdownForceStop(true);
      settings.forEach(builder::setting);
      embedded = builder.build();
      embedded.start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded redis-server did not start", e);
    }
    url = "redis://127.0.0.1:" + port;
  }

  /**
   * Stops an embedded server (the port is kept, so {@link #start()} brings it back there) and
   * returns once its port refuses connections. embedded-redis's forced stop only sends the kill;
   * without this wait a {@code stop(); start()} on a loaded machine could still be talking to the
   * old process and its data.
   */
  public synchronized void stop() {
    if (embedded != null) {
      try {
        embedded.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      embedded = null;
      awaitPortClosed();
    }
  }

  private void awaitPortClosed() {
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (accepts(port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server on port " + port + " still accepts "
            + "connections " + STOP_TIMEOUT.toSeconds() + " s after it was killed");
      }
      try {
        Thread.sleep(10); // the interval of a bounded poll on the port, not a wait for time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while redis-server stopped", e);
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  public String url() {
    return url;
  }

  public boolean isEmbedded() {
    return url != null && url.equals("redis://127.0.0.1:" + port);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
