package dev.gatehouse.compat.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.core.lint.EndpointReport;
import dev.gatehouse.test.AttackKit;
import dev.gatehouse.test.TestCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * gatehouse-test in a {@code @QuarkusTest}, as a user of Quarkus writes their tests: the test
 * profile gives the application a test key; {@code @TestCaller} runs each test as a caller, and
 * the attack kit attacks the running application from its report in the same JVM.
 */
@QuarkusTest
@TestProfile(GatehouseTestKitTest.TestKey.class)
@TestCaller(subject = "alice", roles = "admin")
class GatehouseTestKitTest {

  /** The test run's own key: settings a test profile gives, never packaged with the service. */
  public static class TestKey implements QuarkusTestProfile {
    private static final String SECRET = secret();

    private static String secret() {
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      return Base64.getEncoder().encodeToString(b);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("gatehouse.jwt.issuer", "https://compat.gatehouse.dev",
          "gatehouse.jwt.audience", "compat", "gatehouse.jwt.secret", SECRET);
    }
  }

  @Test
  void theTestRunsAsItsClassCaller() {
    given().get("/admin").then().statusCode(200);
    given().get("/me").then().statusCode(200).body("subject", equalTo("alice"));
  }

  @Test
  @TestCaller(subject = "bob")
  void theMethodsCallerWinsOverTheClasss() {
    given().get("/admin").then().statusCode(403);
    given().get("/me").then().statusCode(200).body("subject", equalTo("bob"));
  }

  @Test
  void theAttackKitAttacksEveryEndpointInProcess() {
    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    AttackKit.against(URI.create("http://localhost:" + port))
        .report(EndpointReport.current())
        .callers("alice", "bob") // item 1 is alice's
        .owned("/items/{id}", "id", alice -> "1")
        .owned("/quickstart/items/{id}", "id", alice -> "1")
        .owned("/rest-path/items/{id}", "id", alice -> "1")
        .owned("/gadgets/{id}", "id", alice -> given().header("Authorization", alice)
            .contentType("application/json").body(Map.of("name", "kit", "quantity", 1))
            .post("/gadgets").then().statusCode(200).extract().path("id").toString())
        .run()
        .assertPassed();
  }
}
