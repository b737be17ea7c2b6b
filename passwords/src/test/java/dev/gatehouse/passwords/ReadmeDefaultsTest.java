package dev.gatehouse.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.ReadmeTable;
import dev.gatehouse.core.support.ReadmeTable.Words;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's defaults of {@code gatehouse.password.*}. */
class ReadmeDefaultsTest {

  @Test
  void theReadmeStatesTheDefaultsTheSettingsFallBackTo() {
    PasswordHasher.PasswordLimits limits =
        PasswordHasher.PasswordLimits.fromConfig(ReadmeTable.config());
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(PasswordHasher.MAX_CONCURRENT, new Words("twice the processors"));
    defaults.put(PasswordHasher.MAX_WAIT, limits.maxWait());
    ReadmeTable.read().assertDefaults(List.of("gatehouse.password."), defaults);
    // what the words say
    assertThat(limits.maxConcurrent()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
  }
}
