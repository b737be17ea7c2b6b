package dev.gatehouse.jwt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrent refreshes from one client, with a reuse grace period, over HTTP. */
class GraceReplayTest {

  @RegisterExtension
  static final EmbeddedServer server = Servers.hs256(Servers.secret(32))
      .property("gatehouse.jwt.refresh-token-reuse-grace", "PT10S")
      .build();

  private static String login(String subject) {
    return given().contentType("application/json").body(Map.of("subject", subject))
        .post("/auth/login").then().statusCode(200).extract().path("refresh_token");
  }

  private static ExtractableResponse<Response> refresh(String token) {
    return given().contentType("application/json").body(Map.of("refresh_token", token))
        .post("/auth/refresh").then().extract();
  }

  private static List<ExtractableResponse<Response>> concurrently(String token, int n)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(pool.submit(() -> {
        go.await();
        return refresh(token);
      }));
    }
    go.countDown();
    List<ExtractableResponse<Response>> out = new ArrayList<>();
    for (Future<ExtractableResponse<Response>> f : futures) {
      out.add(f.get());
    }
    pool.shutdown();
    return out;
  }

  @Test
  void twentyFourConcurrentRefreshesOfOneTokenAllGetTheSameSuccessor() throws Exception {
    String token = login("tabs");
    List<ExtractableResponse<Response>> answers = concurrently(token, 24);
    Set<String> successors = new HashSet<>();
    for (ExtractableResponse<Response> r : answers) {
      assertThat(r.statusCode()).isEqualTo(200);
      successors.add(r.path("refresh_token"));
    }
    assertThat(successors).hasSize(1);
    assertThat(refresh(successors.iterator().next()).statusCode()).isEqualTo(200);
  }

  @Test
  void aReplayOfThePredecessorWithinTheGraceGetsTheSameSuccessorUnderConcurrency()
      throws Exception {
    String first = login("retry");
    String second = refresh(first).path("refresh_token");
    List<ExtractableResponse<Response>> replays = concurrently(first, 24);
    for (ExtractableResponse<Response> r : replays) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat((String) r.path("refresh_token")).isEqualTo(second);
    }
  }

  @Test
  void aReplayAfterTheGraceRevokesTheFamily() {
    MutableClock clock = server.cdi().select(MutableClock.class).get();
    String first = login("late");
    String second = refresh(first).path("refresh_token");
    clock.advance(Duration.ofSeconds(11));
    assertThat(refresh(first).statusCode()).isEqualTo(401);
    assertThat(refresh(second).statusCode()).isEqualTo(401);
  }
}
