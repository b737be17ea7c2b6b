package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Response;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jackson providers ship their own mappers for {@link JsonParseException} and
 * {@link JsonMappingException} that answer with Jackson's message — which quotes the input. These
 * map the same exact types, registered with a higher priority, so that Gatehouse's problem answers.
 */
public final class JacksonExceptionMappers {

  /** The priority both are registered with: ahead of any provider's default mapper. */
  public static final int PRIORITY = 1;

  private JacksonExceptionMappers() {
  }

  /** Malformed JSON met by application code. */
  @Provider
  @Priority(PRIORITY)
  public static final class Parse implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException exception) {
      return JsonProblems.of(exception).toResponse();
    }
  }

  /** JSON of the wrong shape met by application code. */
  @Provider
  @Priority(PRIORITY)
  public static final class Mapping implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException exception) {
      return JsonProblems.of(exception).toResponse();
    }
  }
}
