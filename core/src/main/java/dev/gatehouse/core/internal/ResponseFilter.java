package dev.gatehouse.core.internal;

import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.RequestId;
import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.core.SecurityHeaders;
import dev.gatehouse.core.spi.Lazy;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.lang.annotation.Annotation;
import java.util.Map;

/**
 * On every response — success, error, unmatched path, 405, 413, 429: the protective headers,
 * {@code Cache-Control}, HSTS on HTTPS requests, the request id, and the rendering of
 * {@link Problem} bodies (with the request id) and their security events.
 *
 * <p>A 5xx body that is not Gatehouse's problem — built by an application's exception mapper, a
 * resource's own {@code Response}, a {@code WebApplicationException} with an entity — is replaced
 * by the generic problem of that status: a server failure's body is where class names, messages
 * and stack traces leak. What kind of body it was is logged with the request id; its content is
 * neither sent nor logged (it may hold request data; the application's mapper logs its exception).
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public final class ResponseFilter implements ContainerResponseFilter {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");
  private static final String NO_STORE = "no-store";
  /** Set once this filter wrote the body: some runtimes run response filters twice. */
  private static final String RENDERED = "dev.gatehouse.core.problem-rendered";

  private final Lazy<CoreRuntime> runtime = Lazy.bean(CoreRuntime.class);
  private final ApplicationMappers mappers = new ApplicationMappers();
  private volatile Headers headers;
  @Context
  private Providers providers;

  /** The header values, computed once per settings. */
  private record Headers(CoreSettings settings, Map<String, String> always, String cacheControl,
      String hsts, String clearSiteData) {
    static Headers of(CoreSettings s) {
      SecurityHeaders h = s.headers();
      return new Headers(s, Map.copyOf(h.always()), h.cacheControl().orElse(null),
          s.https().hstsHeader().orElse(null), h.clearSiteData().orElse(null));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Headers current = headers();
    Map<String, String> always = current.always();
    String cacheControl = current.cacheControl();
    String hsts = current.hsts();
    String requestId = RequestId.of(request).orElseGet(() -> {
      String id = RequestId.generate();
      request.setProperty(RequestId.PROPERTY, id);
      return id;
    });
    mappers.reportOnce(providers);
    if (request.getProperty(RolloutReports.PENDING) instanceof Problem wouldRefuse) {
      request.removeProperty(RolloutReports.PENDING); // some runtimes run this filter twice
      dev.gatehouse.core.SecurityEvents.notEnforced(request,
          dev.gatehouse.core.RolloutSettings.JSON, wouldRefuse);
    }
    Object served = request.getProperty(RolloutReports.SERVED);
    if (served != null) {
      runtime.get().rollout().refusedAnyway(served, response.getStatus());
    }
    if (response.getEntity() instanceof Problem problem) {
      render(request, response, problem, requestId);
    } else if (response.getStatus() >= 500 && request.getProperty(RENDERED) == null) {
      replaceServerError(request, response, requestId);
    }
    MultivaluedMap<String, Object> h = response.getHeaders();
    always.forEach(h::putSingle);
    h.remove("X-Powered-By");
    h.remove("Server");
    h.putSingle(RequestId.HEADER, requestId);
    if (authenticated(request)) {
      h.putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
    } else if (cacheControl != null && !h.containsKey(HttpHeaders.CACHE_CONTROL)) {
      h.putSingle(HttpHeaders.CACHE_CONTROL, cacheControl);
    }
    if (hsts != null && Boolean.TRUE.equals(request.getProperty(RequestContextFilter.SECURE))) {
      h.putSingle("Strict-Transport-Security", hsts);
    }
    if (current.clearSiteData() != null && response.getStatus() < 400) {
      EndpointPlan plan = EndpointFilter.planOf(request);
      if (plan != null && plan.clearSiteData()) {
        h.putSingle("Clear-Site-Data", current.clearSiteData());
      }
    }
  }

  private Headers headers() {
    CoreSettings s = runtime.get().settings();
    Headers h = headers;
    if (h == null || h.settings() != s) {
      h = Headers.of(s);
      headers = h;
    }
    return h;
  }

  private static void render(ContainerRequestContext request, ContainerResponseContext response,
      Problem problem, String requestId) {
    if (problem.unexpectedCause() != null) {
      LOG.log(System.Logger.Level.ERROR, "request " + requestId
          + RequestId.client(request).map(c -> " (client request id " + c + ")").orElse("")
          + " failed: " + request.getMethod() + " "
          + request.getProperty(SecurityEvents.PATH_TEMPLATE), problem.unexpectedCause());
    }
    if (problem.eventType() != null) {
      SecurityEvents.fire(request, problem.eventType(), problem.eventReason(),
          problem.eventSubject(), problem.eventAccountKey());
    }
    response.setEntity(problem.toJson(requestId), new Annotation[0], Problem.MEDIA_TYPE);
    request.setProperty(RENDERED, Boolean.TRUE);
  }

  private static void replaceServerError(ContainerRequestContext request,
      ContainerResponseContext response, String requestId) {
    int status = response.getStatus();
    Object entity = response.getEntity();
    // what the body was, not what it said: a mapper may have put a request's data, a token or a
    // password from an exception's message there, and none of those may reach a log either
    String held = entity == null ? "no body" : "a " + entity.getClass().getName()
        + (entity instanceof CharSequence text ? " of " + text.length() + " characters" : "");
    LOG.log(System.Logger.Level.ERROR, "request " + requestId + ": " + request.getMethod() + " "
        + java.util.Objects.toString(request.getProperty(SecurityEvents.PATH_TEMPLATE),
            "(no endpoint)") + " answered " + status
        + " with a body Gatehouse did not write; it was replaced by the generic problem."
        + " It held: " + held);
    Problem problem = Problem.of(status).detail(ProblemExceptionMapper.detail(status))
        .event(dev.gatehouse.core.SecurityEventType.SERVER_ERROR, "status_" + status);
    render(request, response, problem, requestId);
  }

  private static boolean authenticated(ContainerRequestContext request) {
    SecurityContext sc = request.getSecurityContext();
    return (sc != null && sc.getUserPrincipal() != null)
        || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
  }
}
