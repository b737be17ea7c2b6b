package dev.gatehouse.compat;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An existing service's catch-all mapper, written the way public samples write it (Quarkus's
 * Hibernate ORM Panache quickstart): the exception's class name and message in the body, the
 * status of a {@code WebApplicationException} or 500. Gatehouse must not let either reach a client.
 */
@Provider
public class EchoingExceptionMapper implements ExceptionMapper<Exception> {

  @Override
  public Response toResponse(Exception exception) {
    int code = 500;
    if (exception instanceof WebApplicationException w) {
      code = w.getResponse().getStatus();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("exceptionType", exception.getClass().getName());
    body.put("code", code);
    if (exception.getMessage() != null) {
      body.put("error", exception.getMessage());
    }
    return Response.status(code).type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
