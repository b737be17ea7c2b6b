package dev.gatehouse.core.internal;

import dev.gatehouse.core.lint.BoundParameter;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.EndpointContract;
import dev.gatehouse.core.spi.GatehouseModule;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import java.lang.annotation.Annotation;
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

  /**
   * 400 for an endpoint that takes a body (strict JSON, Bean Validation) or a validated, paged or
   * sorted parameter; 413 for one that takes a body (the body-size limit).
   */
  @Override
  public void document(Endpoint endpoint, EndpointContract contract) {
    boolean body = endpoint.entityParameter().isPresent();
    if (body) {
      contract.problem(400, "The body is not strict JSON of the expected shape, or is invalid");
    }
    if (EndpointRegistry.paged(endpoint) || !EndpointRegistry.sortParameters(endpoint).isEmpty()
        || endpoint.boundParameters().stream().anyMatch(CoreModule::validated)) {
      contract.problem(400, "A parameter is invalid");
    }
    if (body) {
      contract.problem(413, "The body is larger than the endpoint's limit");
    }
  }

  private static boolean validated(BoundParameter b) {
    if (b.source() == BoundParameter.Source.CONTEXT) {
      return false;
    }
    for (Annotation a : b.parameter().getAnnotations()) {
      if (a instanceof Valid || a.annotationType().isAnnotationPresent(Constraint.class)) {
        return true;
      }
    }
    return false;
  }
}
