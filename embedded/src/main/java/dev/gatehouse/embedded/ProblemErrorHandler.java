package dev.gatehouse.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors the container answers itself, before Jakarta REST sees the request (a malformed URI, a
 * header too large, a bad request line), in the same shape as Gatehouse's: RFC 9457
 * {@code application/problem+json} with a generic title, no server name or version, no message
 * from the parser, {@code nosniff} and {@code no-store}.
 */
public final class ProblemErrorHandler extends ErrorHandler {

  public ProblemErrorHandler() {
    setShowStacks(false);
    setShowMessageInTitle(false);
    setShowOrigin(false);
  }

  static String body(int status) {
    String title = HttpStatus.getMessage(status);
    return "{\"type\":\"about:blank\",\"title\":\"" + (title == null ? "Error" : title)
        + "\",\"status\":" + status + "}";
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) throws IOException {
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    fields.put("X-Content-Type-Options", "nosniff");
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
  }
}
