package dev.gatehouse.core.support;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.core.ClientAddress;
import dev.gatehouse.core.MaxBodySize;
import dev.gatehouse.core.SafeText;
import dev.gatehouse.core.lint.LintExempt;
import dev.gatehouse.core.lint.ResponseType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Endpoints the core tests attack. */
@Path("/echo")
@Produces(MediaType.APPLICATION_JSON)
public class EchoResource {

  /** A request body with nested types, bounds and an application Jackson annotation. */
  public record Person(
      @NotBlank @Size(max = 50) String name,
      @Min(0) @Max(150) int age,
      boolean active,
      @Size(max = 5) List<@Size(max = 10) String> tags,
      @Valid Address address,
      @JsonProperty("e-mail") @Size(max = 100) String email,
      BigDecimal score) {
  }

  /** Nested type. */
  public record Address(@Size(max = 100) String street, @Min(1) Integer number) {
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Person echo(Person person) {
    return person;
  }

  /** Text other people see: the defaults, everything allowed, and a message of its own. */
  public record Profile(
      @NotBlank @SafeText(max = 20) String displayName,
      @SafeText(max = 200, multiline = true, allowMarkup = true, allowJoiners = true) String bio,
      @SafeText(max = 10, message = "choose another handle") String handle) {
  }

  @POST
  @Path("/profile")
  @Consumes(MediaType.APPLICATION_JSON)
  public Profile profile(Profile profile) {
    return profile;
  }

  /** An element of list and array bodies. */
  public record Item(@NotBlank @Size(max = 5) String name) {
  }

  @POST
  @Path("/items")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Integer> items(@Size(max = 100) List<Item> items) {
    return Map.of("count", items.size());
  }

  @POST
  @Path("/items-valid")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Integer> itemsValid(@Valid @Size(max = 100) List<Item> items) {
    return Map.of("count", items.size());
  }

  @POST
  @Path("/item-array")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Integer> itemArray(@Size(max = 100) Item[] items) {
    return Map.of("count", items.length);
  }

  @POST
  @Path("/map")
  @Consumes(MediaType.APPLICATION_JSON)
  @LintExempt(rule = "bounded-input", reason = "free-form JSON to attack the depth limit")
  public Map<String, Object> map(Map<String, Object> body) {
    return Map.of("keys", body.size());
  }

  @POST
  @Path("/stream")
  @Consumes(MediaType.WILDCARD)
  public Map<String, Long> stream(InputStream in) throws IOException {
    long n = 0;
    byte[] b = new byte[8192];
    int r;
    while ((r = in.read(b)) != -1) {
      n += r;
    }
    return Map.of("bytes", n);
  }

  @POST
  @Path("/small")
  @MaxBodySize(16)
  @Consumes(MediaType.WILDCARD)
  public Map<String, Integer> small(String body) {
    return Map.of("length", body.length());
  }

  @POST
  @Path("/large")
  @MaxBodySize(4 * 1024 * 1024)
  @Consumes(MediaType.WILDCARD)
  public Map<String, Integer> large(String body) {
    return Map.of("length", body.length());
  }

  @GET
  @Path("/client")
  public Map<String, Object> client(@Context ContainerRequestContext request) {
    ClientAddress c = ClientAddress.of(request).orElseThrow();
    return Map.of("address", c.text(), "bucket", c.bucket(), "ipv6", c.isIpv6());
  }

  @POST
  @Path("/logout")
  @dev.gatehouse.core.ClearSiteData
  public void logout() {
  }

  @GET
  @Path("/boom")
  public String boom() {
    throw new IllegalStateException("secret detail at /etc/gatehouse/keys.pem");
  }

  @GET
  @Path("/cached")
  @ResponseType(Map.class)
  public Response cached() {
    return Response.ok(Map.of("ok", true)).cacheControl(CacheControl.valueOf("max-age=60")).build();
  }

  @GET
  @Path("/items/{n}")
  public Map<String, Integer> item(@PathParam("n") int n) {
    return Map.of("n", n);
  }

  @POST
  @Path("/manual-parse")
  @Consumes(MediaType.TEXT_PLAIN)
  public Map<?, ?> manualParse(String body) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
  }

  @GET
  @Path("/refuse/{status}")
  public String refuse(@PathParam("status") int status) {
    Response r = Response.status(status).header("Retry-After", "7")
        .header("WWW-Authenticate", "Bearer").header("X-Internal", "db01.internal").build();
    throw new jakarta.ws.rs.WebApplicationException("secret message: pid 4711", r);
  }

  @GET
  @Path("/store-down")
  public String storeDown() {
    throw new dev.gatehouse.core.StoreUnavailableException("session store",
        new java.net.ConnectException("Connection refused: redis.internal:6379"));
  }

  /** As a Redis client reports a command that got no answer in time. */
  @GET
  @Path("/store-timed-out")
  public String storeTimedOut() {
    throw new dev.gatehouse.core.StoreUnavailableException("session store",
        new IllegalStateException("java.net.SocketTimeoutException: Read timed out",
            new java.net.SocketTimeoutException("Read timed out")));
  }

  @GET
  @Path("/store-saturated")
  public String storeSaturated() {
    throw dev.gatehouse.core.StoreUnavailableException.saturated("notes database",
        new java.sql.SQLTransientConnectionException(
            "db-pool - Connection is not available, request timed out after 250ms."));
  }

  @GET
  @Path("/unserialisable")
  public Object unserialisable() {
    return new Object() {
      public Object getSelf() {
        return this;
      }
    };
  }
}
