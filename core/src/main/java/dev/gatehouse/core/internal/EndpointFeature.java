package dev.gatehouse.core.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Shows Gatehouse each resource class as the runtime deploys it — on runtimes that scan for
 * providers this is the start-up moment: every module prepares the class's endpoints (and refuses
 * start-up for one it cannot protect) and the lint checks them. It registers nothing: enforcement
 * lives in global filters that read the same plans, so it holds even where a runtime ignores
 * dynamic features.
 *
 * <p>A runtime that builds a sub-resource's model while serving a request (Jersey) calls it then:
 * a refusal cannot stop the application any more, so it is recorded and that endpoint's requests
 * are refused with a 500 and an event, by {@link EndpointFilter}.
 */
@Provider
public final class EndpointFeature implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Class<?> type = resource.getResourceClass();
    if (type == null || resource.getResourceMethod() == null) {
      return;
    }
    CoreRuntime core = CoreRuntime.current();
    if (servingARequest()) {
      core.endpoints().plan(type, resource.getResourceMethod());
    } else {
      core.discover(List.of(type));
    }
  }

  private static boolean servingARequest() {
    try {
      return CDI.current().getBeanManager().getContext(RequestScoped.class).isActive();
    } catch (RuntimeException noActiveContext) {
      return false;
    }
  }
}
