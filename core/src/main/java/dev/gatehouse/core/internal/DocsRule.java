package dev.gatehouse.core.internal;

import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;

/**
 * Marks documentation endpoints in the report: whatever their own annotations say, the docs gate
 * hides them unless {@code gatehouse.docs.enabled=true} and then admits only
 * {@code gatehouse.docs.roles}, re-checked against the application's data. It never refuses (the
 * endpoint's preparation does, when nothing can re-check the roles).
 */
public final class DocsRule implements EndpointRule {

  @Override
  public String id() {
    return "docs";
  }

  @Override
  public void check(Endpoint endpoint, Findings findings) {
    if (DocsGate.isDocsPath(endpoint.path())) {
      findings.note("docs", "behind the docs gate (gatehouse.docs.enabled, gatehouse.docs.roles,"
          + " re-checked against the application's data)");
    }
  }
}
