package dev.gatehouse.core.internal;

import dev.gatehouse.core.spi.GatehouseModule;
import java.util.List;

/** The core module's providers, for applications that register them by hand. */
public final class CoreModule implements GatehouseModule {

  @Override
  public String name() {
    return "core";
  }

  @Override
  public List<Class<?>> providers() {
    return List.of(RuntimeDefaults.class, RequestContextFilter.class, EndpointFilter.class, GuardFilter.class,
        ResponseFilter.class, PageLinksFilter.class, EndpointFeature.class, StrictJsonReader.class,
        StrictJsonInterceptor.class, JsonWriteGuard.class,
        SortSpecConverterProvider.class, ProblemExceptionMapper.class,
        ConstraintViolationMapper.class, JacksonExceptionMappers.Parse.class,
        JacksonExceptionMappers.Mapping.class, NarrowExceptionMappers.WebApplication.class,
        NarrowExceptionMappers.Processing.class, ProblemWriter.class);
  }
}
