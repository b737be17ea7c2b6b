package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.Unowned;
import dev.gatehouse.core.lint.BoundParameter;
import java.lang.reflect.Parameter;
import java.util.List;

/**
 * Every path parameter that names an object — {@code id}, {@code *Id}, {@code *ID},
 * {@code *_id}, {@code *-id} — is {@link Owned} or deliberately {@link Unowned} (OWASP API1),
 * however it is bound: {@code @PathParam}, a runtime's own annotation or its name alone
 * ({@link Endpoint#pathParameters()}).
 */
public final class OwnedIdRule implements EndpointRule {

  @Override
  public String id() {
    return "owned-id";
  }

  @Override
  public List<String> columns() {
    return List.of("owned");
  }

  @Override
  public int reportPosition() {
    return 200; // after who: on which objects
  }

  @Override
  public void check(Endpoint endpoint, Findings findings) {
    for (BoundParameter bound : endpoint.pathParameters()) {
      String name = bound.name();
      Parameter p = bound.parameter();
      if (!namesAnObject(name)) {
        continue;
      }
      Unowned unowned = p.getAnnotation(Unowned.class);
      if (p.isAnnotationPresent(Owned.class)) {
        continue; // noted below, as OwnedFilter resolves it
      } else if (unowned != null) {
        if (unowned.value().isBlank()) {
          findings.violation("@Unowned on \"" + name + "\" gives no reason",
              "say why anyone may use this id, e.g. @Unowned(\"profiles are public\")");
        } else {
          findings.note("owned", name + " unowned (" + unowned.value() + ")");
        }
      } else {
        findings.violation("path parameter \"" + name + "\" names an object but is"
            + " neither @Owned nor @Unowned", "resolve it with @Owned (owner-checked) or mark it"
            + " @Unowned(\"why it is public\")");
      }
    }
    for (String owned : OwnedParams.names(endpoint)) {
      findings.note("owned", owned);
      findings.fact("owned", owned);
    }
  }

  static boolean namesAnObject(String name) {
    return name.equalsIgnoreCase("id") || name.endsWith("Id") || name.endsWith("ID")
        || name.endsWith("_id") || name.endsWith("-id");
  }
}
