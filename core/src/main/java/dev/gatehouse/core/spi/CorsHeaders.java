package dev.gatehouse.core.spi;

import java.util.List;

/**
 * The CORS response headers (Fetch standard, CORS protocol), named once for the modules that
 * watch for another CORS producer: gatehouse-cors on Jakarta REST responses, core's servlet filter
 * on what a server set before the application ran.
 */
public final class CorsHeaders {

  /** Every header a CORS producer answers with. */
  public static final List<String> RESPONSE = List.of("Access-Control-Allow-Origin",
      "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
      "Access-Control-Allow-Headers", "Access-Control-Expose-Headers",
      "Access-Control-Max-Age");

  private CorsHeaders() {
  }
}
