package dev.gatehouse.core.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.spi.EndpointContract;
import dev.gatehouse.core.spi.GatehouseModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Writes every module's {@link EndpointContract} of each endpoint into an OpenAPI model — the
 * work of {@code GatehouseOpenApiFilter}.
 */
public final class OpenApiContributions {

  /** The security scheme's name in {@code components.securitySchemes}. */
  public static final String SCHEME = "bearer";
  /** The problem schema's name in {@code components.schemas}. */
  public static final String PROBLEM = "Problem";
  /** The operation extension saying who may call, in the endpoint report's words. */
  public static final String ACCESS_EXTENSION = "x-gatehouse-access";

  private final Supplier<List<Endpoint>> endpoints;
  private final Supplier<List<GatehouseModule>> modules;

  private OpenApiContributions(Supplier<List<Endpoint>> endpoints,
      Supplier<List<GatehouseModule>> modules) {
    this.endpoints = endpoints;
    this.modules = modules;
  }

  /**
   * The running application's endpoints, looked up when the filter runs (a runtime may make the
   * filter before its resources are deployed).
   */
  public static OpenApiContributions ofRunningApplication() {
    return new OpenApiContributions(() -> {
      CoreRuntime runtime;
      try {
        runtime = CoreRuntime.current();
      } catch (IllegalStateException | jakarta.enterprise.inject.UnsatisfiedResolutionException
          | NoClassDefFoundError e) {
        throw new IllegalStateException(NOT_RUNNING, e);
      }
      List<Endpoint> known = runtime.knownEndpoints();
      if (known.isEmpty()) {
        throw new IllegalStateException(NOT_RUNNING);
      }
      return known;
    }, () -> CoreRuntime.current().modules());
  }

  static final String NOT_RUNNING = "GatehouseOpenApiFilter() documents the endpoints of the"
      + " running application, and Gatehouse has seen none yet: the runtime applies the filter"
      + " before the application's resources are deployed (at build time, or at start-up);"
      + " document the resource classes instead with GatehouseOpenApiFilter.of(classes), from a"
      + " filter of your own";

  /** The endpoints of {@code resourceClasses}, with the modules on the class path. */
  public static OpenApiContributions of(List<Class<?>> resourceClasses) {
    List<Endpoint> found = new ArrayList<>();
    resourceClasses.forEach(c -> found.addAll(EndpointRegistry.endpointsOf(c)));
    List<GatehouseModule> present = CoreRuntime.discoverModules();
    return new OpenApiContributions(() -> List.copyOf(found), () -> present);
  }

  /** Adds the contracts of the endpoints that the model's operations document. */
  public void apply(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    Map<String, Endpoint> byOperation = match(openAPI, endpoints.get()); // first: it explains
    List<GatehouseModule> present = modules.get();
    // OpenAPI 3.0 §4.7.30: a requirement of an http scheme lists no scopes; 3.1 allows role names
    boolean rolesInRequirement = openAPI.getOpenapi() != null
        && !openAPI.getOpenapi().startsWith("3.0");
    boolean anyCaller = false;
    boolean anyProblem = false;
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op
          : path.getValue().getOperations().entrySet()) {
        Endpoint e = byOperation.get(op.getKey().name() + " " + path.getKey());
        if (e == null) {
          continue;
        }
        EndpointContract contract = new EndpointContract();
        present.forEach(m -> m.document(e, contract));
        Operation operation = op.getValue();
        if (contract.needsCaller()) {
          anyCaller = true;
          if (operation.getSecurity() == null) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(
                SCHEME, rolesInRequirement ? contract.requirements() : List.of()));
          }
          if (operation.getExtensions() == null
              || !operation.getExtensions().containsKey(ACCESS_EXTENSION)) {
            operation.addExtension(ACCESS_EXTENSION, contract.access());
          }
        } else if (operation.getSecurity() == null && openAPI.getSecurity() != null
            && !openAPI.getSecurity().isEmpty()) {
          operation.setSecurity(new ArrayList<>()); // public, whatever the document's default
        }
        for (Map.Entry<Integer, String> problem : contract.problems().entrySet()) {
          anyProblem |= addProblem(operation, problem.getKey(), problem.getValue());
        }
      }
    }
    if (anyCaller || anyProblem) {
      Components components = openAPI.getComponents();
      if (components == null) {
        components = OASFactory.createComponents();
        openAPI.setComponents(components);
      }
      if (anyCaller && (components.getSecuritySchemes() == null
          || !components.getSecuritySchemes().containsKey(SCHEME))) {
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
            .description("An access token Gatehouse verifies (Authorization: Bearer …)"));
      }
      if (anyProblem && (components.getSchemas() == null
          || !components.getSchemas().containsKey(PROBLEM))) {
        components.addSchema(PROBLEM, problemSchema());
      }
    }
  }

  /** Adds the problem response unless the operation declares that status itself. */
  private static boolean addProblem(Operation operation, int status, String description) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    String code = Integer.toString(status);
    if (responses.hasAPIResponse(code)) {
      return false;
    }
    responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
        .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE_TEXT,
            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)))));
    return true;
  }

  /**
   * A schema of one type on either MicroProfile OpenAPI: 3.x has {@code setType(SchemaType)}, 4.x
   * (JSON Schema 2020-12's type array; Quarkus 3.x, smallrye-open-api 4) {@code setType(List)}
   * only, so no one call compiles against both. Looked up when a document is made, not per request.
   */
  private static Schema typed(Schema.SchemaType type) {
    Schema schema = OASFactory.createSchema();
    try {
      try {
        Schema.class.getMethod("setType", Schema.SchemaType.class).invoke(schema, type);
      } catch (NoSuchMethodException openApi4) {
        Schema.class.getMethod("setType", List.class)
            .invoke(schema, new java.util.ArrayList<>(List.of(type)));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("microprofile-openapi-api has neither Schema.setType("
          + "SchemaType) (3.x) nor Schema.setType(List) (4.x)", e);
    }
    return schema;
  }

  /** RFC 9457 §3.1's members as Gatehouse writes them, with its {@code requestId} and {@code errors}. */
  private static Schema problemSchema() {
    Schema error = typed(Schema.SchemaType.OBJECT)
        .addProperty("field", typed(Schema.SchemaType.STRING))
        .addProperty("message", typed(Schema.SchemaType.STRING));
    return typed(Schema.SchemaType.OBJECT)
        .description("An RFC 9457 problem; never a stack trace, class name or input value")
        .addProperty("type", typed(Schema.SchemaType.STRING)
            .format("uri-reference").defaultValue("about:blank"))
        .addProperty("title", typed(Schema.SchemaType.STRING))
        .addProperty("status", typed(Schema.SchemaType.INTEGER)
            .format("int32"))
        .addProperty("detail", typed(Schema.SchemaType.STRING))
        .addProperty("instance", typed(Schema.SchemaType.STRING)
            .format("uri-reference"))
        .addProperty("requestId", typed(Schema.SchemaType.STRING))
        .addProperty("errors", typed(Schema.SchemaType.ARRAY)
            .items(error))
        .required(List.of("type", "title", "status"));
  }

  /**
   * The endpoint of each operation ({@code GET /api/notes/{id}}), by HTTP method and path template
   * with variables' patterns removed. The document's paths may carry the application path, which
   * the endpoints' templates do not: of every prefix that would explain a path, the one matching
   * the most operations is taken.
   */
  static Map<String, Endpoint> match(OpenAPI openAPI, List<Endpoint> endpoints) {
    Map<String, Endpoint> byKey = new HashMap<>();
    for (Endpoint e : endpoints) {
      byKey.putIfAbsent(e.httpMethod() + " " + normalise(e.path()), e);
    }
    List<String[]> operations = new ArrayList<>();
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      for (PathItem.HttpMethod m : path.getValue().getOperations().keySet()) {
        operations.add(new String[] {m.name(), path.getKey(), normalise(path.getKey())});
      }
    }
    Map<String, Integer> prefixes = new LinkedHashMap<>();
    prefixes.put("", 0);
    for (String[] op : operations) {
      for (Endpoint e : endpoints) {
        String p = normalise(e.path());
        String candidate = op[2];
        if (e.httpMethod().equals(op[0]) && candidate.endsWith(p)) {
          String prefix = candidate.substring(0, candidate.length() - p.length());
          if (prefix.isEmpty() || prefix.startsWith("/") && !prefix.endsWith("/")
              && !prefix.contains("{") && (p.startsWith("/") || p.isEmpty())) {
            prefixes.merge(prefix, 1, Integer::sum);
          }
        }
      }
    }
    String prefix = prefixes.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue()
            .thenComparing(en -> -en.getKey().length()))
        .map(Map.Entry::getKey).orElse("");
    Map<String, Endpoint> matched = new HashMap<>();
    for (String[] op : operations) {
      if (!op[2].startsWith(prefix)) {
        continue;
      }
      String rest = op[2].substring(prefix.length());
      Endpoint e = byKey.get(op[0] + " " + (rest.isEmpty() ? "/" : rest));
      if (e != null) {
        matched.put(op[0] + " " + op[1], e);
      }
    }
    return matched;
  }

  /** {@code /notes/{id: [0-9]+}/} → {@code /notes/{id}}: single slashes, no trailing slash. */
  static String normalise(String template) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean inPattern = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        if (depth++ == 0) {
          out.append('{');
          inPattern = false;
          continue;
        }
      } else if (c == '}' && depth > 0 && --depth == 0) {
        out.append('}');
        continue;
      }
      if (depth > 0) {
        if (c == ':' && depth == 1) {
          inPattern = true;
        }
        if (!inPattern && !Character.isWhitespace(c)) {
          out.append(c);
        }
        continue;
      }
      if (c != '/' || out.length() == 0 || out.charAt(out.length() - 1) != '/') {
        out.append(c);
      }
    }
    if (out.length() == 0 || out.charAt(0) != '/') {
      out.insert(0, '/');
    }
    if (out.length() > 1 && out.charAt(out.length() - 1) == '/') {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }
}
