package dev.gatehouse.compat.runtime;

import java.net.URI;
import java.util.function.Supplier;

/** One runtime serving the compatibility application. */
public interface RuntimeUnderTest extends AutoCloseable {

  /** The application's base URI, ending with {@code /}. */
  URI baseUri();

  /** The server's root, where a runtime serves its own endpoints (WildFly's {@code /openapi}). */
  default URI serverRoot() {
    return baseUri().resolve("/");
  }

  /** Everything the runtime has logged so far. */
  String log();

  @Override
  void close();

  /** A runtime at {@code base}, its log read by {@code log}, stopped by {@code stop}. */
  static RuntimeUnderTest of(URI base, Supplier<String> log, Runnable stop) {
    return new RuntimeUnderTest() {
      @Override
      public URI baseUri() {
        return base;
      }

      @Override
      public String log() {
        return log.get();
      }

      @Override
      public void close() {
        stop.run();
      }
    };
  }
}
