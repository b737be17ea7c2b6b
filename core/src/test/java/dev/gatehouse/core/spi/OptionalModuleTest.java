package dev.gatehouse.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.config.GatehouseConfigException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * An optional module found by its class, and asked for without being there: the refusal names
 * each property set, as the application wrote it, and the dependency to add. Over HTTP on the
 * runtimes: compat's FootprintIT.
 */
class OptionalModuleTest {

  private static final OptionalModule ABSENT = new OptionalModule("gatehouse-redis",
      "dev.gatehouse.redis.NoSuchClass", "gatehouse.redis.");

  private static Config config(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(values, "test", 300)).build();
  }

  @Test
  void aModuleIsPresentWhenItsClassLoadsAndAbsentOtherwise() {
    assertThat(new OptionalModule("gatehouse-core", OptionalModule.class.getName(),
        "gatehouse.core.").present(config(Map.of("gatehouse.core.x", "1")), getClass())).isTrue();
    assertThat(ABSENT.present(config(Map.of("gatehouse.jwt.issuer", "i")), getClass())).isFalse();
  }

  @Test
  void aRedisUrlWithoutTheModuleRefusesToStartNamingThePropertyAndTheDependency() {
    assertThatThrownBy(() -> ABSENT.present(config(Map.of("gatehouse.redis.url",
        "redis://cache:6379")), String.class))
        .isInstanceOf(GatehouseConfigException.class)
        .hasMessage("Gatehouse refuses to start: gatehouse.redis.url: set, but gatehouse-redis is"
            + " not on the class path, so what several instances must share (sessions, denied"
            + " tokens, rate limits) would stay in this instance's memory; add the dependency dev.gatehouse:gatehouse-redis (the same version as the other"
            + " Gatehouse modules) to the application, or remove the property");
  }

  @Test
  void environmentVariablesAreNamedAsSetAndEachPropertyOnce() {
    assertThatThrownBy(() -> ABSENT.present(config(Map.of("GATEHOUSE_REDIS_SENTINELS",
        "s1:26379", "gatehouse.redis.master-name", "mymaster", "GATEHOUSE_REDIS_MASTER_NAME",
        "mymaster")), String.class))
        .hasMessageStartingWith("Gatehouse refuses to start: ")
        .hasMessageMatching("Gatehouse refuses to start: (GATEHOUSE_REDIS_SENTINELS, "
            + "(gatehouse\\.redis\\.master-name|GATEHOUSE_REDIS_MASTER_NAME)"
            + "|GATEHOUSE_REDIS_MASTER_NAME, GATEHOUSE_REDIS_SENTINELS): set, but .*")
        .hasMessageEndingWith("or remove these properties");
  }

  @Test
  void aBlankValueIsNotAskingForTheModule() {
    assertThat(ABSENT.present(config(Map.of("gatehouse.redis.url", " ")), getClass())).isFalse();
  }
}
