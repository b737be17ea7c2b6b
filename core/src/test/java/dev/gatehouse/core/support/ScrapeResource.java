package dev.gatehouse.core.support;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /metrics}: the Prometheus text a real {@link PrometheusMeterRegistry} scrapes from
 * Micrometer's global registry, as an application exposing its metrics would serve it. Each test
 * class starts a fresh registry with {@link #fresh()}, so its counts start at zero.
 */
@Path("/metrics")
public class ScrapeResource {

  private static volatile PrometheusMeterRegistry registry = fresh();

  /** Replaces the scraped registry with an empty one, added to the global registry. */
  public static synchronized PrometheusMeterRegistry fresh() {
    if (registry != null) {
      Metrics.removeRegistry(registry);
      registry.close();
    }
    PrometheusMeterRegistry next = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(next);
    registry = next;
    return next;
  }

  @GET
  @PermitAll
  @Produces(MediaType.TEXT_PLAIN)
  public String scrape() {
    return registry.scrape();
  }

  /**
   * The value of {@code series} (a metric name with its labels in Prometheus's order, e.g.
   * {@code gatehouse_store_failures_total{reason="unavailable",store="database"}}) in a scrape, or
   * 0 when absent.
   */
  public static double value(String scrape, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
        .matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
