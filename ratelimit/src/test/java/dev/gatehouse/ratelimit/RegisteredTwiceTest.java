package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.GatehousePriorities;
import dev.gatehouse.ratelimit.internal.RateLimitFilter;
import dev.gatehouse.ratelimit.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application may end up with Gatehouse's filters twice — scanned by a runtime and registered
 * from a feature (Quarkus REST keeps both), say. Each request is still checked once: a call is
 * counted once against its quota, not twice.
 */
class RegisteredTwiceTest {

  /**
   * A second installation of the rate-limit filter. Jersey itself ignores a class registered
   * twice, so the second copy is registered under another class, as a runtime that does not
   * de-duplicate would install it.
   */
  @Priority(GatehousePriorities.RATE_LIMIT)
  public static final class SecondCopy implements ContainerRequestFilter {
    private final RateLimitFilter copy = new RateLimitFilter();

    @Override
    public void filter(ContainerRequestContext request) {
      copy.filter(request);
    }
  }

  @RegisterExtension
  static final EmbeddedServer server = Servers.withPolicies().register(SecondCopy.class).build();

  @Test
  void aRateLimitFilterInstalledTwiceCountsEachCallOnce() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(given().header("X-Test-User", "twice").get("/api").then().extract()
          .statusCode());
    }
    // per-user: 2 per 10 s; counted twice, the second call would already be refused
    assertThat(statuses).containsExactly(200, 200, 429);
  }
}
