package dev.gatehouse.passwords;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.passwords.support.PasswordResources;
import dev.gatehouse.testkit.EmbeddedServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A refused {@code gatehouse.password.*} value stops the application when it starts — before its
 * first login, and even when no endpoint it has prepared uses the hasher.
 */
class PasswordStartupRefusalTest {

  private static EmbeddedServer.Builder server() {
    return EmbeddedServer.builder()
        .register(GatehouseCoreFeature.class, PasswordResources.Plain.class);
  }

  private static List<String> problems(EmbeddedServer.Builder builder) {
    return builder.build().refusal(GatehouseConfigException.class).problems();
  }

  @Test
  void refusesAHashingCapacityOfZero() {
    assertThat(problems(server().property("gatehouse.password.max-concurrent-hashes", "0")))
        .containsExactly("gatehouse.password.max-concurrent-hashes: \"0\" must be from 1 to 1024;"
            + " each hash takes 19 MiB and a core, e.g. twice the processors");
  }

  @Test
  void refusesAWaitLongerThanThirtySecondsAndAValueThatIsNoDuration() {
    assertThat(problems(server().property("gatehouse.password.max-wait", "PT1M")))
        .containsExactly("gatehouse.password.max-wait: \"PT1M\" must be from PT0S to PT30S,"
            + " e.g. PT1S");
    assertThat(problems(server().property("gatehouse.password.max-wait", "1s"))).hasSize(1)
        .allSatisfy(p -> assertThat(p).startsWith("gatehouse.password.max-wait: \"1s\""));
  }

  @Test
  void startsWithValidLimits() {
    try (EmbeddedServer s = server().property("gatehouse.password.max-concurrent-hashes", "4")
        .property("gatehouse.password.max-wait", "PT2S").build().start()) {
      given().baseUri(s.baseUri().toString()).get("/plain").then().statusCode(200);
    }
  }
}
