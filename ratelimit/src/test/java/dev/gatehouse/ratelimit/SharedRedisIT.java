package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.core.support.TestClock;
import dev.gatehouse.ratelimit.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.EmbeddedServerProcess;
import dev.gatehouse.testkit.RedisTestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two application instances (two JVMs) and one real Redis; then Redis goes away and comes back.
 * Both instances read one test clock fixed at the same instant ({@link TestClock#START}), so no
 * bucket refills between two calls however slowly a loaded machine runs them, and the two agree
 * on the time as instances on Redis's own clock do.
 */
class SharedRedisIT {

  /** The instant both instances' clocks stand at. */
  private static final String CLOCK_START = Instant.now().truncatedTo(ChronoUnit.SECONDS)
      .toString();

  @RegisterExtension
  static final RedisTestServer redis = RedisTestServer.ownEmbedded();

  /** A clean Redis for each test (it keeps nothing on disk). */
  @org.junit.jupiter.api.BeforeEach
  void emptyRedis() {
    redis.stop();
    redis.start();
  }

  private static int login(int port) {
    return given().port(port).contentType("application/json").body(Map.of("email", "a@b.c"))
        .post("/auth/login").then().extract().statusCode();
  }

  private static Map<String, String> properties(boolean withRedis) {
    Map<String, String> p = new HashMap<>(Servers.POLICIES);
    if (withRedis) {
      p.put("gatehouse.redis.url", redis.url());
      // long enough that a loaded machine's pauses are not mistaken for an unreachable Redis;
      // a stopped Redis refuses connections at once, whatever the timeout
      p.put("gatehouse.redis.timeout", "PT2S");
    }
    p.put(TestClock.START, CLOCK_START);
    p.put("gatehouse.ratelimit.per-user.on-store-failure", "allow");
    return p;
  }

  private static EmbeddedServer local(boolean withRedis) {
    return EmbeddedServer.builder().register(Servers.COMPONENTS.toArray(Class<?>[]::new))
        .properties(properties(withRedis)).build().start();
  }

  @Test
  void twoInstancesSharingRedisShareTheLimit() {
    EmbeddedServer a = local(true);
    try (EmbeddedServerProcess b = EmbeddedServerProcess.start(Servers.COMPONENTS,
        properties(true))) {
      assertThat(login(a.port())).isEqualTo(200);
      assertThat(login(b.port())).isEqualTo(200);
      assertThat(login(a.port())).isEqualTo(200);
      assertThat(login(b.port())).isEqualTo(429);
      assertThat(login(a.port())).isEqualTo(429);
    } finally {
      a.stop();
    }
  }

  @Test
  void withoutRedisEachInstanceCountsAlone() {
    EmbeddedServer a = local(false);
    try (EmbeddedServerProcess b = EmbeddedServerProcess.start(Servers.COMPONENTS,
        properties(false))) {
      for (int i = 0; i < 3; i++) {
        assertThat(login(a.port())).isEqualTo(200);
      }
      assertThat(login(a.port())).isEqualTo(429);
      assertThat(login(b.port())).isEqualTo(200);
    } finally {
      a.stop();
    }
  }

  @Test
  void whenRedisIsDownEachPolicyFailsItsConfiguredWayThenRecovers() {
    EmbeddedServer a = local(true);
    try {
      RecordedEvents events = a.cdi().select(RecordedEvents.class).get();
      assertThat(login(a.port())).isEqualTo(200);
      redis.stop();
      long start = System.nanoTime();
      given().port(a.port()).contentType("application/json").body(Map.of("email", "a@b.c"))
          .post("/auth/login").then().statusCode(503).header("Retry-After", "2")
          .contentType("application/problem+json");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
      events.clear();
      given().port(a.port()).header("X-Test-User", "carol").get("/api").then().statusCode(200);
      assertThat(events.all()).anySatisfy(e -> {
        assertThat(e.type()).isEqualTo(SecurityEventType.SERVER_ERROR);
        assertThat(e.reason()).isEqualTo("ratelimit_store_unavailable_allowed");
      });
      redis.start();
      assertThat(login(a.port())).isEqualTo(200);
    } finally {
      a.stop();
    }
  }
}
