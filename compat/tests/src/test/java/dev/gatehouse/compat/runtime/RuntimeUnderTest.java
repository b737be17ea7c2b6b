package dev.gatehouse.compat.runtime;

import java.net.URI;

/** One runtime serving the compatibility application. */
public interface RuntimeUnderTest extends AutoCloseable {

  /** The application's base URI, ending with {@code /}. */
  URI baseUri();

  /** Everything the runtime has logged so far. */
  String log();

  @Override
  void close();
}
