package dev.gatehouse.core.internal;

import dev.gatehouse.core.DocsGate;
import dev.gatehouse.core.PeerAddressSource;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.RequestId;
import dev.gatehouse.core.SecurityEvent;
import dev.gatehouse.core.SecurityEvents;
import dev.gatehouse.core.SecurityHeaders;
import dev.gatehouse.core.spi.CorsHeaders;
import dev.gatehouse.core.spi.Lazy;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gatehouse's part on servlet containers, in front of the Jakarta REST servlet — for what happens
 * there before any Jakarta REST filter can run:
 *
 * <ul>
 *   <li>the socket peer address, handed over as the request attribute
 *       {@link PeerAddressSource#PROPERTY} (request attributes are request properties there);</li>
 *   <li>{@code Content-Type} or {@code Accept} headers that are not media types: the Jakarta REST
 *       servlet (Jersey's) would answer them with an empty 400 before any filter, so they are
 *       answered here with Gatehouse's 400 problem;</li>
 *   <li>documentation a server serves from a servlet of its own inside the application — Payara
 *       Micro maps its MicroProfile OpenAPI servlet to {@code /openapi} in every application —
 *       where the docs gate never sees the request: a request whose servlet is mapped to a
 *       documentation path gets Gatehouse's 404 (documentation is served through a Jakarta REST
 *       resource behind the gate, or not at all).</li>
 * </ul>
 *
 * <p>Servlet containers find it by scanning the application's jars; embedded servers install it
 * by hand (the test kit does); elsewhere (Quarkus) it is never loaded.
 */
@WebFilter(filterName = "gatehouse", urlPatterns = "/*", asyncSupported = true)
public final class ServletGuardFilter implements Filter {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.core");

  private final Lazy<CoreRuntime> runtime = Lazy.bean(CoreRuntime.class);
  private final AtomicBoolean serverCorsReported = new AtomicBoolean();

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse out)) {
      chain.doFilter(request, response);
      return;
    }
    http.setAttribute(PeerAddressSource.PROPERTY, http.getRemoteAddr());
    serverCors(http, out);
    if (servedByARuntimeDocsServlet(http)) {
      answer(http, out, Problem.notFound());
      return;
    }
    String malformed = RequestContextFilter.malformedMediaTypeHeader(
        http.getHeader("Content-Type"), http.getHeader("Accept"));
    if (malformed != null) {
      answer(http, out, RequestContextFilter.malformed(malformed));
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * CORS headers already on the response before the application ran were set by the server — a
   * WildFly Undertow {@code response-header} filter in {@code standalone.xml}, a valve — where no
   * Jakarta REST filter sees them. With gatehouse-cors, which alone answers CORS, they are removed
   * ({@code setHeader(name, null)}, Servlet 6.0); without it they are left as the application had
   * them. Either way the first is logged once, naming the header: another CORS producer is never
   * silent.
   */
  private void serverCors(HttpServletRequest request, HttpServletResponse out) {
    for (String name : CorsHeaders.RESPONSE) {
      if (!out.containsHeader(name)) {
        continue;
      }
      boolean gatehouseCors = runtime.get().modules().stream()
          .anyMatch(m -> m.name().equals("cors"));
      if (gatehouseCors) {
        out.setHeader(name, null);
      }
      boolean removed = gatehouseCors && !out.containsHeader(name);
      if (serverCorsReported.compareAndSet(false, true)) {
        LOG.log(gatehouseCors && !removed ? System.Logger.Level.ERROR
            : System.Logger.Level.WARNING, "The server sets " + name + " on responses before the"
            + " application runs (a WildFly Undertow response-header filter, a valve, a proxy"
            + " module), outside anything Gatehouse's filters see. "
            + (removed ? "Gatehouse removed it, as gatehouse-cors answers CORS alone; remove it"
                + " from the server." : gatehouseCors ? "Gatehouse could not remove it, so"
                + " clients may get it beside gatehouse-cors's exact origin; remove it from the"
                + " server." : "Without gatehouse-cors Gatehouse leaves it; review it.")
            + " Logged once.");
      }
    }
  }

  private void answer(HttpServletRequest request, HttpServletResponse out, Problem problem)
      throws IOException {
    String id = RequestId.generate();
    if (problem.eventType() != null) {
      SecurityEvents.fire(new SecurityEvent(problem.eventType(), java.time.Instant.now(), id,
          RequestId.fromClient(request.getHeader(RequestId.HEADER)).orElse(null), null,
          request.getRemoteAddr(), request.getMethod(), null, problem.eventReason()));
    }
    SecurityHeaders headers = runtime.get().settings().headers();
    headers.always().forEach(out::setHeader);
    out.setHeader("Cache-Control", "no-store");
    out.setHeader(RequestId.HEADER, id);
    out.setStatus(problem.status());
    out.setContentType(Problem.MEDIA_TYPE_TEXT);
    out.getOutputStream().write(problem.toJson(id).getBytes(StandardCharsets.UTF_8));
  }

  /** The servlet that would answer is mapped to a documentation path: not the application's. */
  static boolean servedByARuntimeDocsServlet(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    String pattern = mapping == null ? null : mapping.getPattern();
    return pattern != null && !pattern.isEmpty() && !pattern.equals("/")
        && !pattern.equals("/*") && DocsGate.isDocsPath(pattern);
  }
}
