package dev.gatehouse.core.internal;

import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import dev.gatehouse.core.lint.ResponseType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;

/**
 * No persistence entity in or out (OWASP API3, mass assignment and excessive data exposure): the
 * request body is not an {@code @Entity}, the result is neither an entity nor a container of
 * entities, and a raw {@code Response} declares its body with {@link ResponseType}.
 */
public final class EntityRule implements EndpointRule {

  @Override
  public String id() {
    return "entity";
  }

  @Override
  public void check(Endpoint endpoint, Findings findings) {
    var body = endpoint.entityParameter();
    if (body.isPresent()) {
      Parameter p = body.get();
      for (Class<?> t : LintTypes.allTypes(p.getParameterizedType())) {
        if (LintTypes.isEntity(t)) {
          findings.violation("the request body " + t.getSimpleName() + " is a persistence entity",
              "read a request record (e.g. " + t.getSimpleName() + "Create) and copy its fields");
        }
      }
    }
    Type result = endpoint.method().getGenericReturnType();
    if (LintTypes.raw(result) == Response.class) {
      var declared = endpoint.method().getAnnotation(ResponseType.class);
      if (declared == null) {
        findings.violation("returns a raw Response without declaring its body",
            "add @ResponseType(TheDto.class) (or Void.class) to the method");
        return;
      }
      result = declared.value();
    }
    for (Class<?> t : LintTypes.allTypes(result)) {
      if (LintTypes.isEntity(t)) {
        findings.violation("returns the persistence entity " + t.getSimpleName(),
            "return a response record (e.g. " + t.getSimpleName() + "View) built from it");
      }
    }
  }
}
