package dev.gatehouse.example;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.cors.GatehouseCorsFeature;
import dev.gatehouse.example.api.AdminResource;
import dev.gatehouse.example.api.AuthResource;
import dev.gatehouse.example.api.HealthResource;
import dev.gatehouse.example.api.JsonMapping;
import dev.gatehouse.example.api.MeResource;
import dev.gatehouse.example.api.NotesResource;
import dev.gatehouse.example.api.OpenApiResource;
import dev.gatehouse.example.api.Security;
import dev.gatehouse.example.data.Database;
import dev.gatehouse.example.data.Users;
import dev.gatehouse.ownership.GatehouseOwnershipFeature;
import dev.gatehouse.passwords.PasswordHasher;
import dev.gatehouse.ratelimit.GatehouseRateLimitFeature;
import dev.gatehouse.embedded.EmbeddedServer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the notes service: Jetty 12 + Jersey + Weld SE + SmallRye Config with every Gatehouse
 * module. {@code PORT} (default 8080) and {@code HOST} (default 0.0.0.0) choose where it listens;
 * every {@code gatehouse.*} property can be set as an environment variable. An invalid or unsafe
 * setting ends the process with exit code 1 and the message naming the property.
 */
public final class Main {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.example");

  static final List<Class<?>> COMPONENTS = List.of(GatehouseOwnershipFeature.class,
      GatehouseRateLimitFeature.class, GatehouseCorsFeature.class, AuthResource.class,
      MeResource.class, NotesResource.class, AdminResource.class, HealthResource.class,
      OpenApiResource.class, JsonMapping.class);

  private static final List<String> KEY_PROPERTIES = List.of("gatehouse.jwt.secret",
      "gatehouse.jwt.secret-file", "gatehouse.jwt.sign-key", "gatehouse.jwt.sign-key-file",
      "gatehouse.jwt.verify-keys", "gatehouse.jwt.verify-keys-file",
      "gatehouse.jwt.verify-keys-url");

  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    EmbeddedServer server;
    try {
      server = start(System.getenv(), Map.of());
    } catch (RuntimeException e) {
      System.err.println(reason(e));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
    Thread.currentThread().join();
  }

  /**
   * Starts the service with {@code environment} for {@code PORT}, {@code HOST} and
   * {@code EXAMPLE_ADMIN_PASSWORD}, and {@code properties} on top of the usual configuration
   * sources (tests use them).
   */
  public static EmbeddedServer start(Map<String, String> environment,
      Map<String, String> properties) {
    JsonLines.install();
    int port = Integer.parseInt(environment.getOrDefault("PORT", "8080"));
    String host = environment.getOrDefault("HOST", "0.0.0.0");
    Map<String, String> props = new HashMap<>(properties);
    if (!keyConfigured(props)) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      props.put("gatehouse.jwt.secret", Base64.getEncoder().encodeToString(secret));
      LOG.log(System.Logger.Level.WARNING, "No GATEHOUSE_JWT_SECRET set: using an ephemeral"
          + " HS256 key for this process only; tokens die with it and other instances reject"
          + " them. Set GATEHOUSE_JWT_SECRET (openssl rand -base64 32) in production.");
    }
    // bodies read before a thread is given the request, a minimum data rate, a connection cap:
    // clients that trickle their bodies hold connections, not the threads everyone else needs
    EmbeddedServer.Builder builder = EmbeddedServer.builder().host(host).port(port)
        .limits(EmbeddedServer.Limits.production())
        .properties(props);
    COMPONENTS.forEach(builder::register);
    EmbeddedServer server = builder.build().start();
    try {
      server.cdi().select(Database.class).get().start();
      String adminPassword = environment.get("EXAMPLE_ADMIN_PASSWORD");
      if (adminPassword != null && !adminPassword.isBlank()) {
        Security.seedAdmin(server.cdi().select(Users.class).get(),
            server.cdi().select(PasswordHasher.class).get(), adminPassword);
      }
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    LOG.log(System.Logger.Level.INFO, "Gatehouse example listening on " + host + ":"
        + server.port());
    return server;
  }

  private static boolean keyConfigured(Map<String, String> props) {
    SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources()
        .withSources(new PropertiesConfigSource(props, "example-start", 500)).build();
    return KEY_PROPERTIES.stream()
        .anyMatch(k -> config.getOptionalValue(k, String.class).filter(v -> !v.isBlank())
            .isPresent());
  }

  /** The start-up refusal's own message, or a one-line description. */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof GatehouseConfigException g) {
        return g.getMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "The example did not start: " + root.getClass().getSimpleName() + ": "
        + root.getMessage();
  }
}
