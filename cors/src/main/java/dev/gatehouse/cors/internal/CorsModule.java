package dev.gatehouse.cors.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.GatehouseModule;
import java.util.List;

/**
 * The cors module as core sees it. CORS fails closed by nature — without its filters no CORS
 * header is sent and browsers refuse cross-origin reads — so it sets no request mark.
 */
public final class CorsModule implements GatehouseModule {

  static final String NAME = "cors";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Class<?>> providers() {
    return List.of(CorsPreflightFilter.class, CorsResponseFilter.class);
  }

  @Override
  public Object prepare(Endpoint endpoint) {
    return CorsRuntime.current().prepare(endpoint);
  }
}
