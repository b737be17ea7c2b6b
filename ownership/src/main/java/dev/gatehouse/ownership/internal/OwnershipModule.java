package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.EndpointContract;
import dev.gatehouse.core.spi.GatehouseModule;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;

/** The ownership module as core sees it: every endpoint's owned parameters, resolved per call. */
public final class OwnershipModule implements GatehouseModule {

  static final String NAME = "ownership";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Class<?>> providers() {
    return List.of(OwnedFilter.class, OwnedParamConverterProvider.class);
  }

  @Override
  public String requestMark() {
    return OwnedFilter.MARK;
  }

  @Override
  public Object prepare(Endpoint endpoint) {
    return OwnedParams.of(endpoint, CDI.current().select(OwnershipRuntime.class).get());
  }

  /** 404 for an endpoint with {@code @Owned} parameters ({@link OwnedParams#names}). */
  @Override
  public void document(Endpoint endpoint, EndpointContract contract) {
    List<String> owned = OwnedParams.names(endpoint);
    if (!owned.isEmpty()) {
      contract.problem(404, "No " + String.join(" or ", owned) + " the caller owns (the same"
          + " answer as for one that does not exist)");
    }
  }
}
