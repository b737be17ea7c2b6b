package dev.gatehouse.example.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.config.GatehouseConfigException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {

  private static Config config(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(values, "test", 500)).build();
  }

  @Test
  void defaultsAreTenConnectionsAndAWaitOfOneSecond() {
    PoolSettings s = PoolSettings.fromConfig(config(Map.of()));
    assertThat(s.size()).isEqualTo(PoolSettings.DEFAULT_SIZE).isEqualTo(10);
    assertThat(s.maxWait()).isEqualTo(PoolSettings.DEFAULT_MAX_WAIT)
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void sizeAndWaitAreReadFromConfiguration() {
    PoolSettings s = PoolSettings.fromConfig(config(Map.of("example.db.pool-size", "2",
        "example.db.pool-max-wait", "PT0.25S")));
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.maxWait()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void anEmptyOrHugePoolIsRefusedNamingThePropertyAndTheFix() {
    for (String size : new String[] {"0", "101"}) {
      assertThatThrownBy(() -> PoolSettings.fromConfig(config(Map.of("example.db.pool-size",
          size))))
          .isInstanceOf(GatehouseConfigException.class)
          .hasMessageContaining("example.db.pool-size: \"" + size + "\" must be from 1 to 100,"
              + " e.g. 10")
          .hasMessageContaining("max_connections");
    }
  }

  @Test
  void aWaitOutsideAQuarterSecondToThirtySecondsIsRefused() {
    for (String wait : new String[] {"PT0.1S", "PT0S", "PT31S", "-PT1S"}) {
      assertThatThrownBy(() -> PoolSettings.fromConfig(config(Map.of("example.db.pool-max-wait",
          wait))))
          .isInstanceOf(GatehouseConfigException.class)
          .hasMessageContaining("example.db.pool-max-wait:")
          .hasMessageContaining("must be from PT0.25S to PT30S, e.g. PT1S");
    }
  }

  @Test
  void theStatementTimeoutIsReadAndRefusedOutsideATenthOfASecondToFiveMinutes() {
    assertThat(PoolSettings.fromConfig(config(Map.of("example.db.statement-timeout", "PT2S")))
        .statementTimeout()).isEqualTo(Duration.ofSeconds(2));
    for (String timeout : new String[] {"PT0.05S", "PT0S", "PT6M", "-PT1S"}) {
      assertThatThrownBy(() -> PoolSettings.fromConfig(config(Map.of(
          "example.db.statement-timeout", timeout))))
          .isInstanceOf(GatehouseConfigException.class)
          .hasMessageContaining("example.db.statement-timeout:")
          .hasMessageContaining("must be from PT0.1S to PT5M, e.g. PT5S");
    }
  }

  @Test
  void everyBadValueIsReportedAtOnce() {
    assertThatThrownBy(() -> PoolSettings.fromConfig(config(Map.of("example.db.pool-size", "-3",
        "example.db.pool-max-wait", "1s"))))
        .isInstanceOf(GatehouseConfigException.class)
        .satisfies(e -> assertThat(((GatehouseConfigException) e).problems()).hasSize(2))
        .hasMessageContaining("example.db.pool-size: \"-3\" must be a whole number")
        .hasMessageContaining("example.db.pool-max-wait: \"1s\" must be an ISO-8601 duration");
  }
}
