package dev.gatehouse.cors;

import dev.gatehouse.core.support.ReadmeTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's defaults of {@code gatehouse.cors.*}. */
class ReadmeDefaultsTest {

  @Test
  void theReadmeStatesTheDefaultsTheSettingsFallBackTo() {
    CorsSettings s = CorsSettings.fromConfig(ReadmeTable.config());
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(CorsSettings.ORIGINS, Optional.of(s).filter(CorsSettings::active));
    defaults.put(CorsSettings.CREDENTIALS, s.allowCredentials());
    defaults.put(CorsSettings.METHODS, s.methods());
    defaults.put(CorsSettings.HEADERS, s.headers());
    defaults.put(CorsSettings.EXPOSED, s.exposedHeaders());
    defaults.put(CorsSettings.MAX_AGE, s.maxAge());
    defaults.put(CorsSettings.ANY_ORIGIN, s.anyOrigin());
    defaults.put(CorsSettings.INSECURE, s.insecureAllowed());
    ReadmeTable.read().assertDefaults(List.of("gatehouse.cors."), defaults);
  }
}
