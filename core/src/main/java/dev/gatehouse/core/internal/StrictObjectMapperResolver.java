package dev.gatehouse.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.StrictJson;
import dev.gatehouse.core.StrictJsonSettings;
import jakarta.ws.rs.ext.ContextResolver;

/** Hands the runtime's Jackson provider the strict mapper, built once at start-up. */
public final class StrictObjectMapperResolver implements ContextResolver<ObjectMapper> {

  private final ObjectMapper mapper;

  public StrictObjectMapperResolver(StrictJsonSettings settings) {
    this.mapper = StrictJson.mapper(settings);
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
