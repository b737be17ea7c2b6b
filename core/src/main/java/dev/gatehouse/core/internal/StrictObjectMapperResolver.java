package dev.gatehouse.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.spi.Lazy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands the runtime's Jackson provider the strict mapper, so that JSON the application reads
 * through the runtime's own Jackson is strict too. Request bodies do not depend on it:
 * {@link StrictJsonReader} reads them.
 */
@Provider
public final class StrictObjectMapperResolver implements ContextResolver<ObjectMapper> {

  private final Lazy<CoreRuntime> runtime = Lazy.bean(CoreRuntime.class);

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return runtime.get().strictMapper();
  }
}
