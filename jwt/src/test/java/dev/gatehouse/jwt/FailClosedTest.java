package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.internal.CoreModule;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.jwt.internal.BearerAuthenticationFilter;
import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.jwt.support.TestResources;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens when a runtime does not install everything Gatehouse registers, or another verifier
 * of tokens is present: the application refuses to start, or the request is refused — never served
 * with less protection than the endpoint report promises.
 */
class FailClosedTest {

  /** A sub-resource the runtime shows Gatehouse only when a request reaches it. */
  public static class Undeclared {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> get() {
      return Map.of("served", "yes");
    }
  }

  /** A declared endpoint, and a locator to a sub-resource that breaks the lint. */
  @Path("/open")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Open {
    @GET
    @PermitAll
    public Map<String, String> get() {
      return Map.of("ok", "yes");
    }

    @Path("/sub")
    @PermitAll
    public Undeclared sub() {
      return new Undeclared();
    }
  }

  @Test
  void aRuntimeThatDidNotInstallTheAccessFilterServesNoEndpoint() {
    List<Class<?>> withoutAccessFilter = new ArrayList<>(new CoreModule().providers());
    withoutAccessFilter.add(BearerAuthenticationFilter.class);
    try (EmbeddedServer server = EmbeddedServer.builder()
        .register(withoutAccessFilter.toArray(Class<?>[]::new))
        .register(Open.class)
        .property("gatehouse.jwt.issuer", Servers.ISSUER)
        .property("gatehouse.jwt.audience", Servers.AUDIENCE)
        .property("gatehouse.jwt.secret", Servers.secret(32))
        .build().start()) {
      var r = given().baseUri(server.baseUri().toString()).get("/open").then().extract();
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.contentType()).isEqualTo("application/problem+json");
      assertThat(r.jsonPath().getString("detail")).doesNotContain("access");
      List<SecurityEvent> events = server.cdi().select(RecordedEvents.class).get().all();
      assertThat(events).anySatisfy(e -> {
        assertThat(e.type()).isEqualTo(SecurityEventType.SERVER_ERROR);
        assertThat(e.reason()).isEqualTo("guarantee_missing_jwt.access");
        assertThat(e.path()).isEqualTo("/open");
      });
    }
  }

  @Test
  void aSubResourceSeenOnlyAtRequestTimeIsLintedThenAndRefusedWhenItFails() {
    try (EmbeddedServer server = Servers.hs256(Servers.secret(32)).register(Open.class)
        .build().start()) {
      String base = server.baseUri().toString();
      assertThat(given().baseUri(base).get("/open").then().extract().statusCode()).isEqualTo(200);
      var r = given().baseUri(base).get("/open/sub").then().extract();
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.asString()).doesNotContain("served");
      assertThat(server.cdi().select(RecordedEvents.class).get().all()).anySatisfy(e ->
          assertThat(e.reason()).isEqualTo("endpoint_refused_at_first_request"));
    }
  }

  @Test
  void refusesToStartBesideQuarkusSmallryeJwt(@TempDir java.nio.file.Path dir) throws IOException {
    ClassLoader withExtension = loaderWith(dir,
        "io.quarkus.smallrye.jwt.runtime.auth", "JWTAuthMechanism");
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(withExtension);
    try {
      GatehouseConfigException refusal = Servers.hs256(Servers.secret(32))
          .register(TestResources.Me.class).build().refusal(GatehouseConfigException.class);
      assertThat(refusal.problems()).contains("the Quarkus extension quarkus-smallrye-jwt"
          + " verifies bearer tokens before Gatehouse, with its own rules; remove the dependency"
          + " io.quarkus:quarkus-smallrye-jwt — Gatehouse verifies tokens itself and provides"
          + " @Inject JsonWebToken");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** An application that turns on the server's own MicroProfile JWT. */
  @org.eclipse.microprofile.auth.LoginConfig(authMethod = "MP-JWT")
  public static class ContainerJwtApplication extends jakarta.ws.rs.core.Application {
  }

  @Test
  void refusesToStartAnApplicationThatTurnsOnTheServersOwnMpJwt() {
    GatehouseConfigException refusal = Servers.hs256(Servers.secret(32))
        .application(ContainerJwtApplication.class).register(Open.class).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refusal.getMessage()).contains("@LoginConfig(authMethod = \"MP-JWT\") on "
        + ContainerJwtApplication.class.getName() + " turns on the server's own MicroProfile"
        + " JWT");
  }

  /** A class loader that also holds an empty class {@code pkg.name}, compiled here. */
  private static ClassLoader loaderWith(java.nio.file.Path dir, String pkg, String name) throws IOException {
    java.nio.file.Path source = dir.resolve(pkg.replace('.', '/')).resolve(name + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package " + pkg + "; public class " + name + " {}");
    int result = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
        dir.toString(), source.toString());
    assertThat(result).isZero();
    return new URLClassLoader(new URL[] {dir.toUri().toURL()},
        Thread.currentThread().getContextClassLoader());
  }
}
