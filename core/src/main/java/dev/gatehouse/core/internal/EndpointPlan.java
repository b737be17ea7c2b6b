package dev.gatehouse.core.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.RoleRecheck;
import java.util.List;
import java.util.Map;

/**
 * What core enforces for one resource method, computed once from its annotations — the same
 * reading the endpoint report is made from.
 *
 * @param endpoint the endpoint, or null for a method that is not one (a runtime's own OPTIONS
 *     handler, a sub-resource locator): nothing is enforced or required there
 * @param bodyLimit the largest request body in bytes
 * @param docs whether the path is a documentation path (behind the docs gate)
 * @param docsRecheck for a documentation path while documentation is enabled, the re-check of the
 *     caller's roles against the application's data (a module's {@link RoleRecheck}); else null
 * @param paged whether the method takes a {@code @BeanParam PageRequest}
 * @param sortParameters query parameters bound to {@code SortSpec}, which must appear once
 * @param requiredMarks the request marks every Gatehouse module present must have set before the
 *     method may run
 * @param refusal why every request to this method is refused (a lint failure or a module that
 *     could not be prepared, found only at request time), or null
 * @param modulePlans each module's own plan for the endpoint, by module name
 * @param clearSiteData whether successful responses carry {@code Clear-Site-Data}
 */
public record EndpointPlan(
    Endpoint endpoint,
    long bodyLimit,
    boolean docs,
    RoleRecheck docsRecheck,
    boolean paged,
    List<String> sortParameters,
    List<String> requiredMarks,
    String refusal,
    Map<String, Object> modulePlans,
    boolean clearSiteData) {

  static EndpointPlan notAnEndpoint(long bodyLimit) {
    return new EndpointPlan(null, bodyLimit, false, null, false, List.of(), List.of(), null,
        Map.of(), false);
  }

  EndpointPlan refused(String why) {
    return new EndpointPlan(endpoint, bodyLimit, docs, docsRecheck, paged, sortParameters,
        requiredMarks, why, modulePlans, clearSiteData);
  }

  EndpointPlan withModulePlans(Map<String, Object> plans) {
    return new EndpointPlan(endpoint, bodyLimit, docs, docsRecheck, paged, sortParameters,
        requiredMarks, refusal, Map.copyOf(plans), clearSiteData);
  }
}
