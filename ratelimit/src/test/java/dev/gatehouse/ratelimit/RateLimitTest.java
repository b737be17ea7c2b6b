package dev.gatehouse.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.support.RecordedEvents;
import dev.gatehouse.ratelimit.support.Servers;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.MutableClock;
import dev.gatehouse.testkit.RawHttp;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Limits over HTTP with the in-process backend; clients are told apart through a trusted proxy. */
class RateLimitTest {

  /** Each test uses its own client addresses (via the trusted proxy) so quotas do not mix. */
  private static final AtomicInteger NEXT = new AtomicInteger(1);

  static String freshIp() {
    int n = NEXT.getAndIncrement();
    return "198.51." + (n / 250) + "." + (n % 250 + 1);
  }

  static RequestSpecification from(String ip) {
    return given().header("X-Forwarded-For", ip).contentType("application/json");
  }

  static ExtractableResponse<Response> login(String ip) {
    return from(ip).body(Map.of("email", "a@b.c")).post("/auth/login").then().extract();
  }

  @Nested
  class BehindATrustedProxy {

    @RegisterExtension
    static final EmbeddedServer server = Servers.withPolicies()
        .property("gatehouse.proxy.trusted", "127.0.0.1")
        .build();

    @Test
    void perAddressLimitAnswers429WithRetryAfterAndRateLimitHeaders() {
      String ip = freshIp();
      for (int i = 0; i < 3; i++) {
        ExtractableResponse<Response> ok = login(ip);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.header("RateLimit-Policy")).isEqualTo("\"login\";q=3;w=60");
        assertThat(ok.header("RateLimit")).isEqualTo("\"login\";r=" + (2 - i));
      }
      RecordedEvents events = server.cdi().select(RecordedEvents.class).get();
      events.clear();
      ExtractableResponse<Response> refused = login(ip);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
      assertThat(refused.jsonPath().getString("title")).isEqualTo("Too Many Requests");
      long retryAfter = Long.parseLong(refused.header("Retry-After"));
      assertThat(retryAfter).isBetween(1L, 60L);
      assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"login\";q=3;w=60");
      assertThat(refused.header("RateLimit")).isEqualTo("\"login\";r=0;t=" + retryAfter);
      assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(events.all()).extracting(SecurityEvent::type)
          .containsExactly(SecurityEventType.RATE_LIMITED);
      assertThat(events.all().get(0).reason()).isEqualTo("login");
      assertThat(events.all().get(0).clientAddress()).isEqualTo(ip);
    }

    @Test
    void aNewForwardedHeaderOnEachCallDoesNotBuyAFreshQuota() {
      // the proxy appends X-Forwarded-For and passes the client's own Forwarded through
      String ip = freshIp();
      for (int i = 0; i < 3; i++) {
        assertThat(from(ip).header("Forwarded", "for=" + freshIp()).body(Map.of("email", "a@b.c"))
            .post("/auth/login").then().extract().statusCode()).isEqualTo(200);
      }
      assertThat(from(ip).header("Forwarded", "for=" + freshIp()).body(Map.of("email", "a@b.c"))
          .post("/auth/login").then().extract().statusCode()).isEqualTo(429);
    }

    @Test
    void otherAddressesKeepTheirOwnQuota() {
      String ip = freshIp();
      for (int i = 0; i < 4; i++) {
        login(ip);
      }
      assertThat(login(freshIp()).statusCode()).isEqualTo(200);
    }

    @Test
    void pathVariantsGetNoFreshQuota() {
      String ip = freshIp();
      for (int i = 0; i < 3; i++) {
        login(ip);
      }
      for (String path : new String[] {"/auth/login", "/auth/login/", "/auth/login;x=1",
          "/auth/login?x=1", "/AUTH/LOGIN", "/auth/./login"}) {
        int status = from(ip).urlEncodingEnabled(false).body(Map.of("email", "a@b.c"))
            .post(path).then().extract().statusCode();
        assertThat(status).as(path).isIn(404, 429);
      }
      RawHttp.Response raw = RawHttp.send(server.port(), "POST //auth/login HTTP/1.1\r\n"
          + "Host: x\r\nX-Forwarded-For: " + ip + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
      assertThat(raw.status()).isIn(400, 404, 429);
    }

    @Test
    void ipv6ClientsShareTheQuotaOfTheirSlash64() {
      for (int i = 0; i < 3; i++) {
        assertThat(login("2001:db8:77:1::" + (i + 1)).statusCode()).isEqualTo(200);
      }
      assertThat(login("2001:db8:77:1:ffff::9").statusCode()).isEqualTo(429);
      assertThat(login("2001:db8:77:2::1").statusCode()).isEqualTo(200);
    }

    @Test
    void perUserLimitsFollowTheSubjectAcrossAddresses() {
      for (int i = 0; i < 2; i++) {
        from(freshIp()).header("X-Test-User", "alice").get("/api").then().statusCode(200);
      }
      from(freshIp()).header("X-Test-User", "alice").get("/api").then().statusCode(429);
      from(freshIp()).header("X-Test-User", "bob").get("/api").then().statusCode(200);
    }

    @Test
    void anonymousCallersOfAPerUserPolicyCountByAddress() {
      String ip = freshIp();
      from(ip).get("/api").then().statusCode(200);
      from(ip).get("/api").then().statusCode(200);
      from(ip).get("/api").then().statusCode(429);
      from(freshIp()).get("/api").then().statusCode(200);
    }

    @Test
    void perAccountKeysChosenInCodeLimitAcrossAddresses() {
      for (int i = 0; i < 2; i++) {
        from(freshIp()).body(Map.of("email", "victim@example.com")).post("/auth/account")
            .then().statusCode(200);
      }
      from(freshIp()).body(Map.of("email", "victim@example.com")).post("/auth/account").then()
          .statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue())
          .body("status", equalTo(429));
      from(freshIp()).body(Map.of("email", "other@example.com")).post("/auth/account").then()
          .statusCode(200);
    }

    @Test
    void theQuotaReturnsAfterThePeriod() {
      MutableClock clock = server.cdi().select(MutableClock.class).get();
      String ip = freshIp();
      for (int i = 0; i < 3; i++) {
        login(ip);
      }
      assertThat(login(ip).statusCode()).isEqualTo(429);
      clock.advance(Duration.ofSeconds(61));
      assertThat(login(ip).statusCode()).isEqualTo(200);
    }
  }

  @Nested
  class FromUntrustedPeers {

    @RegisterExtension
    static final EmbeddedServer server = Servers.withPolicies().build();

    @Test
    void spoofedForwardingHeadersDoNotBuyAFreshQuota() {
      for (int i = 0; i < 3; i++) {
        assertThat(login(freshIp()).statusCode()).isEqualTo(200);
      }
      for (String header : new String[] {"X-Forwarded-For", "X-Real-IP", "True-Client-IP",
          "CF-Connecting-IP", "Forwarded"}) {
        String value = header.equals("Forwarded") ? "for=" + freshIp() : freshIp();
        int status = given().header(header, value).contentType("application/json")
            .body(Map.of("email", "a@b.c")).post("/auth/login").then().extract().statusCode();
        assertThat(status).as(header).isEqualTo(429);
      }
    }
  }

  @Nested
  class WithADefaultPolicy {

    @RegisterExtension
    static final EmbeddedServer server = Servers.withPolicies()
        .property("gatehouse.ratelimit.default.limit", "2")
        .property("gatehouse.ratelimit.default.period", "PT1M")
        .build();

    @Test
    void everyEndpointIsLimitedPerAddress() {
      given().get("/open").then().statusCode(200).header("RateLimit", "\"default\";r=1");
      given().get("/open").then().statusCode(200);
      given().get("/open").then().statusCode(429).header("RateLimit-Policy", "\"default\";q=2;w=60");
    }
  }
}
