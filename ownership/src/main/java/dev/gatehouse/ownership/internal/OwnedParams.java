package dev.gatehouse.ownership.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.ownership.Owned;
import dev.gatehouse.ownership.OwnershipResolver;
import dev.gatehouse.core.lint.BoundParameter;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Owned} parameters of one endpoint, each with its resolver — the single reading of
 * {@code @Owned} that the endpoint report, {@link OwnedFilter} and the parameter converter share.
 *
 * @param params the owned parameters, in declaration order
 */
record OwnedParams(List<Param> params) {

  /** One owned parameter: a path or query parameter's name, its type and resolver. */
  record Param(boolean path, String name, Class<?> type, OwnershipResolver<?> resolver) {
  }

  /** The names of the endpoint's {@code @Owned} parameters, for the report. */
  static List<String> names(Endpoint endpoint) {
    List<String> names = new ArrayList<>();
    for (Parameter p : endpoint.method().getParameters()) {
      if (p.isAnnotationPresent(Owned.class)) {
        names.add(idSource(endpoint, p).map(BoundParameter::name).orElse(p.getName()));
      }
    }
    return names;
  }

  /** Where {@code p}'s id comes from, as core reads the endpoint's bindings; empty if neither. */
  private static java.util.Optional<BoundParameter> idSource(Endpoint endpoint, Parameter p) {
    return endpoint.boundParameters().stream()
        .filter(b -> b.parameter().equals(p))
        .filter(b -> b.source() == BoundParameter.Source.PATH
            || b.source() == BoundParameter.Source.QUERY)
        .findFirst();
  }

  /**
   * Reads the endpoint's owned parameters and finds their resolvers.
   *
   * @throws GatehouseConfigException for a type without a resolver, or {@code @Owned} on anything
   *     but a path or query parameter
   */
  static OwnedParams of(Endpoint endpoint, OwnershipRuntime runtime) {
    List<Param> params = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Parameter p : endpoint.method().getParameters()) {
      if (!p.isAnnotationPresent(Owned.class)) {
        continue;
      }
      var source = idSource(endpoint, p);
      if (source.isEmpty()) {
        problems.add("@Owned on " + endpoint.name() + " parameter " + p.getName() + " needs"
            + " to be a path or query parameter (@PathParam, @QueryParam, or a path variable"
            + " of the same name): the id is read from the path or the query");
        continue;
      }
      if (!explicitlyBound(p)) {
        problems.add("@Owned on " + endpoint.name() + " parameter " + p.getName() + " is bound by"
            + " its name alone: Quarkus REST reads it from the path, every other runtime takes it"
            + " as the request body — which must never stand in for an object Gatehouse checked;"
            + " write the binding out: @PathParam(\"" + source.get().name() + "\") (or Quarkus's"
            + " @RestPath)");
        continue;
      }
      try {
        BoundParameter b = source.get();
        params.add(new Param(b.source() == BoundParameter.Source.PATH, b.name(), p.getType(),
            runtime.resolver(p.getType())));
      } catch (GatehouseConfigException e) {
        problems.addAll(e.problems());
      }
    }
    String transaction = transactional(endpoint);
    if (!params.isEmpty() && transaction != null && !runtime.reloadsInTransaction()) {
      problems.add(endpoint.name() + ": its @Owned " + params.get(0).type().getSimpleName()
          + " is resolved before the transaction of " + transaction + " begins, so the method"
          + " would get a detached entity (changes not saved, remove refused); add the dependency"
          + " dev.gatehouse:gatehouse-ownership-jta, which resolves it again inside the"
          + " transaction");
    }
    if (!problems.isEmpty()) {
      throw new GatehouseConfigException(problems);
    }
    return new OwnedParams(List.copyOf(params));
  }

  /**
   * Whether the parameter carries a binding annotation of Jakarta REST or of the runtime (Quarkus
   * REST's {@code @RestPath}, RESTEasy's), rather than a name that only some runtimes bind.
   */
  private static boolean explicitlyBound(Parameter p) {
    for (java.lang.annotation.Annotation a : p.getAnnotations()) {
      if (PATH_OR_QUERY_BINDINGS.contains(a.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The annotations that bind a path or query parameter on some runtime — not {@code @DefaultValue}
   * or {@code @Encoded}, which bind nothing, so a parameter with only those is still the body.
   */
  private static final java.util.Set<String> PATH_OR_QUERY_BINDINGS = java.util.Set.of(
      "jakarta.ws.rs.PathParam", "jakarta.ws.rs.QueryParam",
      "org.jboss.resteasy.reactive.RestPath", "org.jboss.resteasy.reactive.RestQuery",
      "org.jboss.resteasy.annotations.jaxrs.PathParam",
      "org.jboss.resteasy.annotations.jaxrs.QueryParam");

  /** Transaction types under which the method runs in a transaction (JTA 2.0 §3.7). */
  private static final java.util.Set<String> IN_TRANSACTION =
      java.util.Set.of("REQUIRED", "REQUIRES_NEW", "MANDATORY");

  /**
   * How the endpoint's method runs in a JTA transaction ({@code @Transactional(REQUIRED)}, on the
   * method or else its class), or null when it does not. Read by name: the JTA API is the
   * runtime's, and an application without it has no such annotation.
   */
  static String transactional(Endpoint endpoint) {
    java.lang.annotation.Annotation a = transactional(endpoint.method().getAnnotations());
    if (a == null) {
      a = transactional(endpoint.resourceClass().getAnnotations());
    }
    if (a == null) {
      return null;
    }
    try {
      Object type = a.annotationType().getMethod("value").invoke(a);
      String name = ((Enum<?>) type).name();
      return IN_TRANSACTION.contains(name) ? "@Transactional(" + name + ")" : null;
    } catch (ReflectiveOperationException | ClassCastException e) {
      return "@Transactional";
    }
  }

  private static java.lang.annotation.Annotation transactional(
      java.lang.annotation.Annotation[] annotations) {
    for (java.lang.annotation.Annotation a : annotations) {
      if (a.annotationType().getName().equals("jakarta.transaction.Transactional")) {
        return a;
      }
    }
    return null;
  }
}
