package dev.gatehouse.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Gatehouse adds to one endpoint's HTTP contract, as its modules' own readers find it — for
 * Gatehouse's own modules, which fill it in {@link GatehouseModule#document}; the OpenAPI filter
 * ({@code GatehouseOpenApiFilter}) writes it into the document. Filled from annotations alone, with
 * no runtime started, so that it can be computed wherever a document is generated.
 *
 * <pre>{@code
 * public void document(Endpoint e, EndpointContract contract) {
 *   AccessPolicy p = AccessPolicy.of(e);                  // the reading AccessFilter enforces
 *   contract.caller(p.describe(), p.roles());
 *   contract.problem(401, "No valid bearer token");
 * }
 * }</pre>
 */
public final class EndpointContract {

  private final SortedMap<Integer, String> problems = new TreeMap<>();
  private String access;
  private final List<String> requirements = new ArrayList<>();
  private boolean caller;

  /**
   * The endpoint needs an authenticated caller (a bearer token).
   *
   * @param access who may call, as the endpoint report says it ({@code roles admin})
   * @param requirements the roles and scopes the token must carry, none for any caller
   */
  public void caller(String access, Collection<String> requirements) {
    this.caller = true;
    this.access = Objects.requireNonNull(access);
    requirements.stream().filter(r -> !this.requirements.contains(r))
        .forEach(this.requirements::add);
  }

  /**
   * Gatehouse may answer the endpoint with {@code status} as {@code application/problem+json}.
   *
   * @param description why, e.g. {@code The caller does not own the object}; a second description
   *     for the same status is joined to the first
   * @throws IllegalArgumentException unless {@code status} is from 400 to 599
   */
  public void problem(int status, String description) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem status is from 400 to 599, not " + status);
    }
    Objects.requireNonNull(description);
    problems.merge(status, description, (a, b) -> a.equals(b) ? a : a + "; " + b);
  }

  /** Whether the endpoint needs an authenticated caller. */
  public boolean needsCaller() {
    return caller;
  }

  /** Who may call, when {@link #needsCaller()}; else null. */
  public String access() {
    return access;
  }

  /** The roles and scopes a caller's token must carry, in the order the modules named them. */
  public List<String> requirements() {
    return Collections.unmodifiableList(requirements);
  }

  /** The problem statuses with their descriptions, lowest status first. */
  public Map<Integer, String> problems() {
    return Collections.unmodifiableSortedMap(problems);
  }
}
