package dev.gatehouse.core.internal;

import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import dev.gatehouse.core.lint.ResponseType;
import java.util.Arrays;
import java.util.List;

/**
 * Every list endpoint pages (OWASP API4, unrestricted resource consumption): a method returning a
 * collection, array, stream or {@code Page} takes a {@link PageRequest}.
 */
public final class PagingRule implements EndpointRule {

  @Override
  public String id() {
    return "paging";
  }

  @Override
  public List<String> columns() {
    return List.of("paging");
  }

  @Override
  public int reportPosition() {
    return 300; // how much it returns
  }

  @Override
  public void check(Endpoint endpoint, Findings findings) {
    boolean paged = Arrays.stream(endpoint.method().getParameterTypes())
        .anyMatch(t -> t == PageRequest.class);
    ResponseType declared = endpoint.method().getAnnotation(ResponseType.class);
    boolean many = LintTypes.isMany(endpoint.method().getGenericReturnType())
        || (declared != null && declared.collection());
    if (paged) {
      findings.note("paging", "PageRequest");
    } else if (many) {
      findings.violation("returns a list without a PageRequest",
          "add a @BeanParam PageRequest parameter and return Page<T>");
    }
  }
}
