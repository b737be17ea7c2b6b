package dev.gatehouse.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.StrictJson;
import dev.gatehouse.core.StrictJsonSettings;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands the runtime's Jackson provider the strict mapper (built once), so that JSON the
 * application reads through the runtime's own Jackson is strict too. Request bodies do not depend
 * on it: {@link StrictJsonReader} reads them.
 */
@Provider
public final class StrictObjectMapperResolver implements ContextResolver<ObjectMapper> {

  private final Runtimes<CoreRuntime> runtime = Runtimes.of(CoreRuntime.class);
  private volatile Built built;

  private record Built(StrictJsonSettings settings, ObjectMapper mapper) {
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    StrictJsonSettings s = runtime.get().settings().json();
    Built b = built;
    if (b == null || b.settings() != s) {
      b = new Built(s, StrictJson.mapper(s));
      built = b;
    }
    return b.mapper();
  }
}
