package dev.gatehouse.compat.runtime;

import java.net.URI;

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
}
