package dev.gatehouse.redis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.RedisTestServer;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Redis settings built in code and given as a CDI bean replace {@code gatehouse.redis.*}. */
class RedisSettingsInCodeIT {

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.shared();

  /** The application's settings, built in code. */
  @ApplicationScoped
  public static class InCode {
    @Produces
    RedisSettings settings() {
      return RedisSettings.builder().url(redis.url()).timeout(Duration.ofSeconds(2)).build();
    }
  }

  /** Counts calls in whatever Redis Gatehouse was given. */
  @Path("/visits/{counter}")
  @RequestScoped
  @PermitAll
  public static class Visits {
    @Inject
    GatehouseRedis gatehouseRedis;

    @POST
    @jakarta.ws.rs.Produces(MediaType.TEXT_PLAIN)
    public String visit(@PathParam("counter") String counter) {
      return String.valueOf(gatehouseRedis.client().orElseThrow().incr(counter));
    }
  }

  @Test
  void theRedisOfTheSettingsBeanIsTheOneUsedNotTheConfiguredOne() {
    EmbeddedServer server = EmbeddedServer.builder()
        .register(GatehouseCoreFeature.class, Visits.class)
        .property(RedisSettings.URL, "redis://127.0.0.1:1")
        .build().start();
    String counter = "gatehouse-test:visits:" + UUID.randomUUID();
    try (UnifiedJedis direct = RedisConnector.open(RedisSettings.of(redis.url(),
        Duration.ofSeconds(2)))) {
      given().port(server.port()).post("/visits/" + counter).then()
          .statusCode(200).body(equalTo("1"));
      assertThat(direct.get(counter)).isEqualTo("1");
      assertThat(server.cdi().select(GatehouseRedis.class).get().settings())
          .hasValueSatisfying(s -> assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2)));
      direct.del(counter);
    } finally {
      server.stop();
    }
  }
}
