package dev.gatehouse.passwords;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.passwords.support.PasswordResources;
import dev.gatehouse.testkit.EmbeddedServer;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of logins cannot queue Argon2 hashes without bound: beyond the configured number of
 * hashes at once (here one, with no wait), a login is answered 503 with {@code Retry-After} at
 * once instead of holding a thread and 19 MiB while it waits.
 */
class PasswordHashingCapacityTest {

  @RegisterExtension
  static final EmbeddedServer server = EmbeddedServer.builder()
      .register(GatehouseCoreFeature.class, PasswordResources.PasswordCheck.class)
      .property("gatehouse.password.max-concurrent-hashes", "1")
      .property("gatehouse.password.max-wait", "PT0S")
      .build();

  @Test
  void loginsBeyondTheHashingCapacityAre503WithRetryAfterNotAQueue() throws Exception {
    int callers = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<ExtractableResponse<Response>>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return given().contentType("application/json")
              .body(Map.of("password", "a guess")).post("/password-check").then().extract();
        }));
      }
      start.countDown();
      List<ExtractableResponse<Response>> answers = new ArrayList<>();
      for (Future<ExtractableResponse<Response>> f : calls) {
        answers.add(f.get());
      }
      assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(200, 503)
          .contains(200, 503);
      ExtractableResponse<Response> busy = answers.stream().filter(r -> r.statusCode() == 503)
          .findFirst().orElseThrow();
      assertThat(busy.header("Retry-After")).isEqualTo("1");
      assertThat(busy.contentType()).isEqualTo("application/problem+json");
      assertThat(busy.jsonPath().getString("detail")).isEqualTo("The service is busy; retry later.");
    } finally {
      pool.shutdownNow();
    }
  }
}
