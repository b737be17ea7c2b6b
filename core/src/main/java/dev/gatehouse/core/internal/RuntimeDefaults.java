package dev.gatehouse.core.internal;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns off what a Jakarta REST runtime would add to the application by itself: Jersey's WADL
 * (Payara, GlassFish), which describes every endpoint to anyone at {@code /application.wadl} and in
 * the answer to {@code OPTIONS}. Properties only — no runtime class is touched — so runtimes that
 * do not know them ignore them.
 */
@Provider
public final class RuntimeDefaults implements Feature {

  /** Jersey's {@code ServerProperties.WADL_FEATURE_DISABLE}. */
  static final String JERSEY_WADL_DISABLE = "jersey.config.server.wadl.disableWadl";

  @Override
  public boolean configure(FeatureContext context) {
    if (context.getConfiguration().getProperty(JERSEY_WADL_DISABLE) == null) {
      context.property(JERSEY_WADL_DISABLE, Boolean.TRUE);
    }
    try {
      // Jersey lists the scanned resource classes here, and shows its dynamic features only one
      // per method: the endpoint registry takes them all at the first, for one complete refusal.
      var config = context.getConfiguration();
      CoreRuntime.current().endpoints().configured(
          EndpointFeature.rootResources(config.getClasses(), config.getInstances()));
    } catch (RuntimeException noContainerYet) {
      // a runtime that configures features before CDI runs: the dynamic feature still looks
    }
    return true;
  }
}
