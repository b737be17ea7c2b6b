package dev.gatehouse.core.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.core.StrictJsonSettings;
import java.util.Set;

/**
 * The second reading of a body that broke a shape rule of strict JSON while {@code json} is
 * report-only: Jackson's defaults — unknown fields ignored, scalars coerced, a null primitive its
 * zero, data after the value ignored, the last of duplicate keys — as a service's own Jackson read
 * it before Gatehouse. It keeps the stream limits (the same factory) and is read through
 * {@link StrictParser} with the text rules, so only the shape rules are relaxed.
 */
final class LenientJson {

  /** The reasons of strict JSON's shape rules, which report-only relaxes; all others hold. */
  static final Set<String> RELAXED = Set.of("json_unknown_field", "json_duplicate_field",
      "json_type", "json_format", "json_null", "json_trailing_data");

  private LenientJson() {
  }

  static ObjectMapper mapper(StrictJsonSettings settings) {
    ObjectMapper mapper = JsonMapper.builder(dev.gatehouse.core.StrictJson.factory(settings))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
    mapper.findAndRegisterModules();
    return mapper;
  }
}
