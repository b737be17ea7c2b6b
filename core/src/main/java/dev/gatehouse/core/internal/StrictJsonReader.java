package dev.gatehouse.core.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gatehouse.core.StrictJson;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads every {@code application/json} and {@code application/*+json} request body with
 * Gatehouse's strict mapper ({@link StrictJson}) — whatever JSON provider the runtime brings:
 * Jackson on Jersey, RESTEasy and Quarkus, JSON-B (Yasson) on Payara. It names the JSON media
 * types and has priority 1, the highest an application provider can have, so it is chosen before
 * any other reader of the same media type;
 * {@link StrictJsonInterceptor} checks on every read that it was, and refuses the request when a
 * runtime chose another reader.
 *
 * <p>Bodies read as text, bytes, streams or JSON-P values are left to the runtime.
 */
@Provider
// The JSON types by name as well as the wildcard: runtimes that rank readers by media type first
// (RESTEasy) would otherwise prefer their own provider's exact "application/json".
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json", MediaType.WILDCARD})
@Priority(1)
public final class StrictJsonReader implements MessageBodyReader<Object> {

  /** What this reader produced last on this thread, for {@link StrictJsonInterceptor}. */
  static final ThreadLocal<Object> LAST = new ThreadLocal<>();
  /** Stands for a {@code null} result in {@link #LAST}. */
  static final Object EMPTY = new Object();

  private final Runtimes<CoreRuntime> runtime = Runtimes.of(CoreRuntime.class);

  @Override
  public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations,
      MediaType mediaType) {
    return StrictJsonInterceptor.isJson(mediaType) && handles(type);
  }

  /** Whether a body of this type is read here (anything but text, bytes, streams, JSON-P). */
  static boolean handles(Class<?> type) {
    if (CharSequence.class.isAssignableFrom(type) || type == byte[].class || type == char[].class
        || InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type)
        || File.class.isAssignableFrom(type) || java.nio.file.Path.class.isAssignableFrom(type)) {
      return false;
    }
    String name = type.getName();
    return !name.startsWith("jakarta.json.") && !name.startsWith("javax.json.")
        && !name.startsWith("jakarta.activation.") && !name.startsWith("jakarta.ws.rs.");
  }

  @Override
  public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations,
      MediaType mediaType, MultivaluedMap<String, String> httpHeaders, InputStream entityStream)
      throws IOException {
    LAST.remove();
    PushbackInputStream in = new PushbackInputStream(entityStream, 1);
    int first = in.read();
    if (first < 0) {
      LAST.set(EMPTY);
      return null;
    }
    in.unread(first);
    ObjectMapper mapper = runtime.get().strictMapper();
    JavaType target = mapper.getTypeFactory().constructType(genericType != null ? genericType : type);
    ObjectReader reader = mapper.readerFor(target);
    Object value = reader.readValue(in);
    LAST.set(value == null ? EMPTY : value);
    return value;
  }
}
