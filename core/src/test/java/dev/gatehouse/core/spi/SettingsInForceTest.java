package dev.gatehouse.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettingsInForceTest {

  private final AtomicInteger builds = new AtomicInteger();
  private final SettingsInForce<StringBuilder, String> inForce =
      new SettingsInForce<>("GatehouseThingFeature", s -> builds.incrementAndGet() + ":" + s);

  @Test
  void settingsBuiltInCodeReplaceTheConfiguredOnesUntilTheyAreEnforced() {
    inForce.use(new StringBuilder("configured"));
    StringBuilder inCode = new StringBuilder("in code");
    inForce.use(inCode);
    assertThat(inForce.enforce()).isEqualTo("2:in code");
    inForce.use(inCode);
    assertThat(builds).as("the same settings again build nothing").hasValue(2);
    assertThatThrownBy(() -> inForce.use(new StringBuilder("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("StringBuilder built in code arrived after Gatehouse prepared endpoints under"
            + " the configured ones; register new GatehouseThingFeature(settings) before any"
            + " other Gatehouse feature");
    assertThat(inForce.settings()).isSameAs(inCode);
  }
}
