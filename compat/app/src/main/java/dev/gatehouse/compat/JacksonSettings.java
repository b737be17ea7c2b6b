package dev.gatehouse.compat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The application's own Jackson settings on Jersey, registered by hand there (not a scanned
 * {@code @Provider}: Quarkus takes its settings from {@code quarkus.jackson.*} instead).
 */
public class JacksonSettings implements ContextResolver<ObjectMapper> {

  private final ObjectMapper mapper = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL).build();

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
