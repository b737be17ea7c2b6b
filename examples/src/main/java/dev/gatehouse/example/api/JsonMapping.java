package dev.gatehouse.example.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * How the service writes its JSON — its own choice, as any application's: instants as ISO-8601
 * text. Gatehouse reads request bodies with its strict mapper and leaves writing to this one.
 */
@Provider
public class JsonMapping implements ContextResolver<ObjectMapper> {

  private final ObjectMapper mapper = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
