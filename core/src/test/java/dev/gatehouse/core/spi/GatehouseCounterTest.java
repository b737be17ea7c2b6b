package dev.gatehouse.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.support.ScrapeResource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class GatehouseCounterTest {

  @Test
  void aCounterRegistersAtMostMaxSeriesCombinationsAndCountsTheRestAsOther() {
    PrometheusMeterRegistry registry = ScrapeResource.fresh();
    GatehouseCounter counter = GatehouseCounter.of("test.bounded", "test", "key");
    assertThat(counter.name()).isEqualTo("gatehouse.test.bounded");
    for (int i = 0; i < GatehouseCounter.MAX_SERIES + 50; i++) {
      counter.increment("value-" + i);
    }
    counter.increment("value-0");
    assertThat(registry.find("gatehouse.test.bounded").counters())
        .hasSize(GatehouseCounter.MAX_SERIES + 1);
    assertThat(registry.get("gatehouse.test.bounded").tag("key", "other").counter().count())
        .isEqualTo(50);
    assertThat(registry.get("gatehouse.test.bounded").tag("key", "value-0").counter().count())
        .isEqualTo(2);
  }

  @Test
  void labelValuesAreCutToSafeCharacters() {
    assertThat(GatehouseCounter.value("refresh-token store\n{x=\"1\"}")).isEqualTo(
        "refresh-token_store__x__1__");
    assertThat(GatehouseCounter.value(null)).isEqualTo("none");
    assertThat(GatehouseCounter.value("x".repeat(100))).hasSize(64);
  }

  @Test
  void namesAndLabelCountsAreCheckedWhenDeclared() {
    assertThatThrownBy(() -> GatehouseCounter.of("Gatehouse Events", "d", "type"))
        .hasMessageContaining("lower-case dotted");
    assertThatThrownBy(() -> GatehouseCounter.of("x", "d"))
        .hasMessageContaining("one or two labels");
    assertThatThrownBy(() -> GatehouseCounter.of("x", "d", "a").increment("1", "2"))
        .isInstanceOf(IllegalStateException.class);
  }
}
