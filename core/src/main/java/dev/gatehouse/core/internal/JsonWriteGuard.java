package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;

/**
 * A response that cannot be serialised is a server bug, never the client's "400 Bad Request" that
 * Jackson providers' own mappers would answer (quoting the object graph): rethrown as an
 * unexpected error, so it becomes a 500 with only a request id.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public final class JsonWriteGuard implements WriterInterceptor {

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    try {
      context.proceed();
    } catch (JsonProcessingException e) {
      throw new ResponseWriteException(e);
    }
  }

  /** A response body that could not be written. */
  static final class ResponseWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResponseWriteException(Throwable cause) {
      super("response serialisation failed", cause);
    }
  }
}
