package dev.gatehouse.core;

import dev.gatehouse.core.internal.OpenApiContributions;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * A MicroProfile OpenAPI filter that writes what Gatehouse enforces into a generated document:
 * the {@code bearer} security scheme (HTTP, bearer format JWT); on each operation of an endpoint
 * that needs a caller, a security requirement with the roles and scopes of its access rule; the
 * problem responses Gatehouse may answer it with (400 for a body or validated parameters, 401 and
 * 403 for callers and roles, 404 for {@code @Owned} parameters, 413 for a body, 429 for
 * {@code @RateLimited}), each {@code application/problem+json} with the one
 * {@code components.schemas.Problem} (RFC 9457). It never replaces a response, security
 * requirement, scheme or schema the application declared itself.
 *
 * <p>Each module documents an endpoint with the reader its filters enforce, so the document and
 * the enforcement cannot disagree. Operations are matched to endpoints by HTTP method and path
 * template ({@code {id: [0-9]+}} is {@code {id}}; an application path prefix is found).
 *
 * <p>Register it as the application's filter, {@code mp.openapi.filter=dev.gatehouse.core.GatehouseOpenApiFilter};
 * MicroProfile OpenAPI has one such slot, so an application with its own filter calls this one
 * from it instead:
 *
 * <pre>{@code
 * public void filterOpenAPI(OpenAPI openAPI) {
 *   ...                                              // the application's own changes
 *   new GatehouseOpenApiFilter().filterOpenAPI(openAPI);
 * }
 * }</pre>
 *
 * <p>The no-argument filter documents the endpoints of the running application, so it runs where
 * the runtime applies filters at run time, after Gatehouse has seen the resources (it throws
 * {@link IllegalStateException} otherwise). Where a document is generated without the running
 * application (a build step), {@link #of(Collection)} documents the given resource classes.
 */
public class GatehouseOpenApiFilter implements OASFilter {

  private final OpenApiContributions contributions;

  /** The filter for the running application's endpoints, as {@code mp.openapi.filter} makes it. */
  public GatehouseOpenApiFilter() {
    this(OpenApiContributions.ofRunningApplication());
  }

  private GatehouseOpenApiFilter(OpenApiContributions contributions) {
    this.contributions = contributions;
  }

  /**
   * A filter for the endpoints of {@code resourceClasses}, computed from their annotations by the
   * Gatehouse modules on the class path — no runtime or settings needed.
   */
  public static GatehouseOpenApiFilter of(Collection<Class<?>> resourceClasses) {
    return new GatehouseOpenApiFilter(OpenApiContributions.of(List.copyOf(resourceClasses)));
  }

  /** Adds Gatehouse's contributions to the whole document (the last call of a filter run). */
  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    contributions.apply(openAPI);
  }
}
