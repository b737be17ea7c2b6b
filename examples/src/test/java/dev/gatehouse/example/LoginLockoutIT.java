package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.embedded.EmbeddedServer;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password guessing against the example's login as an attacker would, from one address and from
 * many (told apart through a trusted proxy, as behind a load balancer): the attacker meets 429,
 * the owner's right password from their own address still logs in.
 */
class LoginLockoutIT {

  static final String PASSWORD = "the owner's long password";
  static final AtomicInteger NEXT = new AtomicInteger(1);
  static EmbeddedServer server;
  static Client client;

  @BeforeAll
  static void start() {
    server = Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1"), Map.of(
        "gatehouse.proxy.trusted", "127.0.0.1",
        "gatehouse.ratelimit.register.limit", "1000",
        // every attempt per address (5 a minute) has its own test in JarIT; here the failures
        "gatehouse.ratelimit.login.limit", "1000",
        // the shipped ceiling is 50 an hour; 8 keeps the spread-out attack short
        "gatehouse.ratelimit.login-account.limit", "8"));
    client = new Client("http://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static String freshIp() {
    int n = NEXT.getAndIncrement();
    return "198.18." + (n / 250) + "." + (n % 250 + 1);
  }

  static String owner() {
    String email = Client.uniqueEmail("owner");
    client.register(email, PASSWORD).statusCode(201);
    return email;
  }

  static ValidatableResponse login(String ip, String email, String password) {
    return client.req().header("X-Forwarded-For", ip)
        .body(Map.of("email", email, "password", password)).post("/auth/login").then();
  }

  @Test
  void anAttackersWrongPasswordsDoNotLockTheOwnerOut() {
    String email = owner();
    String attacker = freshIp();
    for (int i = 0; i < 5; i++) {
      login(attacker, email, "guess number " + i).statusCode(401);
    }
    login(attacker, email, "guess number 5").statusCode(429);
    login(freshIp(), email, PASSWORD).statusCode(200);
  }

  @Test
  void theOwnersOwnTyposAreForgivenByTheirNextSuccess() {
    String email = owner();
    String home = freshIp();
    for (int round = 0; round < 3; round++) {
      login(home, email, "a typo in the password").statusCode(401);
      login(home, email, "another typo, again").statusCode(401);
      login(home, email, PASSWORD).statusCode(200);
    }
  }

  @Test
  void guessesSpreadOverManyAddressesMeetTheAccountWideCeiling() {
    String email = owner();
    for (int i = 0; i < 8; i++) {
      login(freshIp(), email, "spread guess " + i).statusCode(401);
    }
    int refused = login(freshIp(), email, "spread guess 8").extract().statusCode();
    assertThat(refused).isEqualTo(429);
    login(freshIp(), Client.uniqueEmail("bystander"), "another account").statusCode(401);
  }
}
