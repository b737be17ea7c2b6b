package dev.gatehouse.test;

import dev.gatehouse.test.internal.TestCallerExtension;
import java.util.Optional;

/**
 * The token of the test running as a {@link TestCaller}, for clients that take a header: an
 * MicroProfile Rest Client header factory, an {@code HttpClient}, a browser driver.
 *
 * <pre>{@code
 * HttpRequest.newBuilder(uri).header("Authorization", TestCallers.authorization().orElseThrow())
 * }</pre>
 */
public final class TestCallers {

  private TestCallers() {
  }

  /** {@code Bearer <token>} of the current {@link TestCaller}, empty outside one. */
  public static Optional<String> authorization() {
    return TestCallerExtension.current().map(t -> "Bearer " + t);
  }

  /** The current {@link TestCaller}'s token, empty outside one. */
  public static Optional<String> token() {
    return TestCallerExtension.current();
  }

  /**
   * Signs {@link TestCaller}s' tokens with {@code source} from now on, instead of
   * {@link TestTokens#fromConfig()} — for a test against a server whose key the test JVM's
   * configuration does not hold (a key generated for the run), or timed by a test clock. Call it
   * in a {@code @BeforeAll} or {@code @BeforeEach}: tokens are signed when a request first needs
   * one. {@code null} goes back to the configuration.
   */
  public static void useTokens(java.util.function.Supplier<TestTokens> source) {
    TestCallerExtension.useTokens(source);
  }
}
