package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.example.data.Database;
import dev.gatehouse.embedded.EmbeddedServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database pool held to its bound: with two connections, both borrowed by transactions that
 * wait on a latch, every request that needs the database is answered 503 with {@code Retry-After}
 * after the pool's wait — never 500 — and once the connections return, the same requests succeed
 * (a refresh retried with the same token included). The wait is configured, not measured: nothing
 * here depends on how fast the machine is.
 */
class PoolExhaustionIT {

  static final int POOL_SIZE = 2;
  static EmbeddedServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1"), Map.of(
        "example.db.pool-size", String.valueOf(POOL_SIZE),
        "example.db.pool-max-wait", "PT0.25S",
        "gatehouse.ratelimit.login.limit", "1000",
        "gatehouse.ratelimit.register.limit", "1000",
        "gatehouse.ratelimit.refresh.limit", "1000"));
    client = new Client("http://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  /** Transactions that hold every pooled connection until released. */
  private final ExecutorService holders = Executors.newFixedThreadPool(POOL_SIZE);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Future<?>> held = new ArrayList<>();

  @BeforeEach
  void clearEvents() {
    Events.seen.clear();
  }

  @AfterEach
  void releaseConnections() throws Exception {
    release.countDown();
    for (Future<?> f : held) {
      f.get(30, TimeUnit.SECONDS);
    }
    holders.shutdown();
  }

  /** Borrows every connection of the service's own pool, each inside an open transaction. */
  private void holdEveryConnection() throws InterruptedException {
    Database db = server.cdi().select(Database.class).get();
    CountDownLatch borrowed = new CountDownLatch(POOL_SIZE);
    for (int i = 0; i < POOL_SIZE; i++) {
      held.add(holders.submit(() -> db.tx(em -> {
        em.createNativeQuery("select 1").getSingleResult();
        borrowed.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      })));
    }
    assertThat(borrowed.await(30, TimeUnit.SECONDS)).as("every connection borrowed").isTrue();
  }

  private static void isBusy(ExtractableResponse<Response> r) {
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.header("Retry-After")).isEqualTo("2");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.jsonPath().getMap("$")).containsOnlyKeys("type", "title", "status", "detail",
        "requestId");
    assertThat(r.jsonPath().getString("detail")).isEqualTo("The service is busy; retry later.");
  }

  @Test
  void poolExhaustionAnswers503WithRetryAfter() throws Exception {
    JsonPath session = client.newUser("pooled");
    String access = session.getString("access_token");
    String refresh = session.getString("refresh_token");
    holdEveryConnection();

    isBusy(client.refresh(refresh).extract());
    isBusy(client.as(access).get("/me").then().extract());
    isBusy(client.login("someone@example.com", "a long enough password").extract());
    client.req().get("/health").then().statusCode(200);   // no database: still answered
    assertThat(Events.seen).filteredOn(e -> e.type() == SecurityEventType.SERVER_ERROR)
        .extracting(SecurityEvent::reason).containsOnly("store_saturated").hasSize(3);

    releaseConnections();
    // the 503 left the refresh token current: the retry rotates it instead of revoking the session
    String rotated = client.refresh(refresh).statusCode(200).extract().path("access_token");
    client.as(rotated).get("/me").then().statusCode(200);
    client.as(access).get("/me").then().statusCode(200);
  }

  @Test
  void fortyConcurrentRefreshesOnAnExhaustedPoolAreAll503AndAllSucceedOnRetry()
      throws Exception {
    List<String> tokens = new ArrayList<>();
    String email = Client.uniqueEmail("busy");
    client.register(email, "a long enough password").statusCode(201);
    for (int i = 0; i < 40; i++) {
      tokens.add(client.login(email, "a long enough password").statusCode(200).extract()
          .path("refresh_token"));
    }
    holdEveryConnection();

    ExecutorService callers = Executors.newFixedThreadPool(40);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
      for (String token : tokens) {
        answers.add(callers.submit(() -> {
          go.await();
          return client.refresh(token).extract();
        }));
      }
      go.countDown();
      for (Future<ExtractableResponse<Response>> a : answers) {
        isBusy(a.get(60, TimeUnit.SECONDS));
      }
    } finally {
      callers.shutdown();
    }

    releaseConnections();
    for (String token : tokens) {
      client.refresh(token).statusCode(200);
    }
  }

  /** Observes the events inside the service. */
  @ApplicationScoped
  public static class Events {
    static final List<SecurityEvent> seen = new CopyOnWriteArrayList<>();

    void on(@Observes SecurityEvent e) {
      seen.add(e);
    }
  }
}
