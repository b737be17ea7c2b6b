package dev.gatehouse.bench.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The HTTP baseline: the example's {@code GET /health} ({@code {"status":"UP"}}, serialised by
 * Jackson) on the same embedded runtime (Jetty, Jersey, Weld, started by
 * {@code EmbeddedServerMain}) with no Gatehouse module on the class path. {@code http.sh} runs it
 * beside the example jar.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class BareHealth {

  /** The same body as the example's. */
  public record Health(String status) {
  }

  @GET
  public Health health() {
    return new Health("UP");
  }
}
