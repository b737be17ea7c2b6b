package dev.gatehouse.core.internal;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.RequestId;
import dev.gatehouse.core.SecurityHeaders;
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

/**
 * Hides documentation that a Jakarta EE server serves from a servlet of its own inside the
 * application — Payara Micro maps its MicroProfile OpenAPI servlet to {@code /openapi} in every
 * application — where Gatehouse's Jakarta REST filters, and so the docs gate, never see the request.
 * A request whose servlet is mapped to a documentation path is answered with Gatehouse's 404 (the
 * same as for any unknown path); documentation is served through a Jakarta REST resource behind
 * the gate ({@code gatehouse.docs.*}) or not at all. Requests for the application's own servlet
 * pass untouched.
 *
 * <p>Servlet containers find it by scanning the application's jars; elsewhere (Quarkus, an
 * embedded container) it is never loaded.
 */
@WebFilter(filterName = "gatehouse-runtime-docs", asyncSupported = true, urlPatterns = {
    "/openapi", "/openapi/*", "/swagger-ui", "/swagger-ui/*", "/api-docs", "/api-docs/*",
    "/q/openapi", "/q/openapi/*", "/q/swagger-ui", "/q/swagger-ui/*"})
public final class RuntimeDocsServletFilter implements Filter {

  private final Runtimes<CoreRuntime> runtime = Runtimes.of(CoreRuntime.class);

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out
        && servedByARuntimeDocsServlet(http)) {
      String id = RequestId.accept(http.getHeader(RequestId.HEADER));
      SecurityHeaders headers = runtime.get().settings().headers();
      headers.always().forEach(out::setHeader);
      out.setHeader("Cache-Control", "no-store");
      out.setHeader(RequestId.HEADER, id);
      out.setStatus(404);
      out.setContentType(Problem.MEDIA_TYPE_TEXT);
      out.getOutputStream().write(Problem.notFound().toJson(id).getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }

  /** The servlet that would answer is mapped to a documentation path: not the application's. */
  static boolean servedByARuntimeDocsServlet(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    String pattern = mapping == null ? null : mapping.getPattern();
    return pattern != null && !pattern.isEmpty() && !pattern.equals("/")
        && !pattern.equals("/*") && dev.gatehouse.core.DocsGate.isDocsPath(pattern);
  }
}
