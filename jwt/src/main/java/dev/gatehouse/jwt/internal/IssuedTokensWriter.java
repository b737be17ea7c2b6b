package dev.gatehouse.jwt.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.jwt.IssuedTokens;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes {@link IssuedTokens} in the RFC 6749 §5.1 shape ({@code access_token}, …) whatever JSON
 * binding the application uses: JSON-B ignores Jackson's {@code @JsonProperty}, and a Jackson
 * annotation in the deployment switches WildFly's JSON for the whole application to Jackson.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
@Priority(1)
public final class IssuedTokensWriter implements MessageBodyWriter<IssuedTokens> {

  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations,
      MediaType mediaType) {
    return type == IssuedTokens.class;
  }

  @Override
  public void writeTo(IssuedTokens tokens, Class<?> type, Type genericType,
      Annotation[] annotations, MediaType mediaType, MultivaluedMap<String, Object> httpHeaders,
      OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("access_token", tokens.accessToken());
      g.writeStringField("refresh_token", tokens.refreshToken());
      g.writeStringField("token_type", tokens.tokenType());
      g.writeNumberField("expires_in", tokens.expiresIn());
      g.writeEndObject();
    }
  }
}
