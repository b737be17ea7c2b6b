package dev.gatehouse.core.internal;

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
 */
@Provider
public final class EndpointFeature implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Class<?> type = resource.getResourceClass();
    if (type != null && resource.getResourceMethod() != null) {
      CoreRuntime.current().discover(List.of(type));
    }
  }
}
