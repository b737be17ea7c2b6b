package dev.gatehouse.core.internal;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.Endpoint;
import dev.gatehouse.core.lint.EndpointReport;
import dev.gatehouse.core.lint.EndpointRule;
import dev.gatehouse.core.lint.Findings;
import dev.gatehouse.core.lint.LintSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The deploy-time endpoint lint: runs every module's {@link EndpointRule} over every resource
 * method, then either refuses start-up with one message listing each violation
 * ({@code Class#method: rule: problem — fix}), or logs them ({@code warn}); and logs a report of
 * one line per endpoint — method, path, then the columns the rules declare
 * ({@link EndpointRule#columns()}, placed by {@link EndpointRule#reportPosition()}) — so a
 * reviewer sees the API's security posture at a glance. The columns are the rules' own: a module
 * that is not on the class path adds none.
 */
public final class EndpointLint {

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.lint");

  private final LintSettings mode;
  private final List<EndpointRule> rules;
  private final List<String> columns;
  private final String enforcedBy;
  /** Every endpoint linted, by {@code METHOD path name}, for {@link #report()}. */
  private final Map<String, EndpointReport.Entry> reported =
      java.util.Collections.synchronizedMap(new java.util.TreeMap<>());
  private final java.nio.file.Path reportFile;
  private final Set<String> reportOnly;

  public EndpointLint(LintSettings mode, List<EndpointRule> rules) {
    this(mode, rules, List.of());
  }

  public EndpointLint(LintSettings mode, List<EndpointRule> rules, List<String> modules) {
    this(mode, rules, modules, Set.of(), null);
  }

  /**
   * @param modules the Gatehouse modules that check every request, named in the report's header so
   *     a reader knows what stands behind each column
   * @param reportOnly the checks that only report ({@code gatehouse.rollout.report-only}), named
   *     in the header and marked {@code (report-only)} in the columns of the rules that show them
   * @param reportFile where {@link #report()} is written after each lint, or null
   */
  public EndpointLint(LintSettings mode, List<EndpointRule> rules, List<String> modules,
      Set<String> reportOnly, java.nio.file.Path reportFile) {
    this.reportOnly = Set.copyOf(reportOnly);
    this.mode = mode;
    this.reportFile = reportFile;
    this.rules = List.copyOf(rules);
    this.columns = rules.stream()
        .sorted(Comparator.comparingInt(EndpointRule::reportPosition)
            .thenComparing(EndpointRule::id))
        .flatMap(r -> r.columns().stream())
        .distinct()
        .toList();
    String header = modules.isEmpty() ? "" : "; enforced on every request by Gatehouse "
        + String.join(", ", modules);
    if (!reportOnly.isEmpty()) {
      header += "; NOT ENFORCED, report-only: "
          + String.join(", ", new java.util.TreeSet<>(reportOnly))
          + " (each would-be refusal is a security event with \"enforced\":false)";
    }
    this.enforcedBy = header;
  }

  /** The rules of every Gatehouse module on the class path. */
  public static List<EndpointRule> discoverRules() {
    List<EndpointRule> rules = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (EndpointRule r : ServiceLoader.load(EndpointRule.class,
        loader != null ? loader : EndpointLint.class.getClassLoader())) {
      rules.add(r);
    }
    rules.sort(Comparator.comparing(EndpointRule::id));
    return rules;
  }

  /** One endpoint's outcome. */
  public record Result(Endpoint endpoint, List<String> violations, Map<String, String> notes,
      Map<String, String> facts) {
  }

  /**
   * Lints every endpoint of {@code resourceClasses} and logs the report (and, in {@code warn}
   * mode, the violations); {@link #failures} says what refuses start-up.
   */
  public List<Result> lint(Collection<Class<?>> resourceClasses) {
    return lint(resourceClasses, e -> Map.of());
  }

  /**
   * As {@link #lint(Collection)}, adding core's own {@code facts} of each endpoint (its body-size
   * limit) to the {@link #report()}.
   */
  List<Result> lint(Collection<Class<?>> resourceClasses,
      java.util.function.Function<Endpoint, Map<String, String>> coreFacts) {
    if (mode == LintSettings.OFF) {
      return List.of();
    }
    List<Result> results = new ArrayList<>();
    for (Class<?> type : resourceClasses) {
      for (Endpoint e : EndpointRegistry.endpointsOf(type)) {
        Result r = check(e);
        r.facts().putAll(coreFacts.apply(e));
        results.add(r);
      }
    }
    results.sort(Comparator.comparing((Result r) -> r.endpoint().path())
        .thenComparing(r -> r.endpoint().httpMethod()));
    report(results);
    return results;
  }

  /**
   * Adds {@code results} to {@link #report()} — called once the application accepted them, so a
   * refused start-up (a broken deployment beside a good one on the same server) leaves the report
   * and its file as they were — and writes the file when one is configured.
   */
  void record(List<Result> results) {
    for (Result r : results) {
      reported.put(r.endpoint().httpMethod() + " " + r.endpoint().path() + " "
          + r.endpoint().name(), new EndpointReport.Entry(r.endpoint().httpMethod(),
          r.endpoint().path(), r.endpoint().name(), columnsOf(r), r.facts()));
    }
    if (reportFile != null && !results.isEmpty()) {
      report().write(reportFile);
    }
  }

  /** Every endpoint linted so far, by path then method. */
  public EndpointReport report() {
    synchronized (reported) {
      return EndpointReport.of(reported.values().stream()
          .sorted(Comparator.comparing(EndpointReport.Entry::path)
              .thenComparing(EndpointReport.Entry::method))
          .toList());
    }
  }

  private Map<String, String> columnsOf(Result r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String column : columns) {
      out.put(column, r.notes().getOrDefault(column, "-"));
    }
    r.notes().forEach(out::putIfAbsent);
    return out;
  }

  /**
   * The violations that refuse start-up: every one of {@code results} in {@code fail} mode, each
   * once, none otherwise. The caller throws them together with every other problem found, as one
   * {@link GatehouseConfigException}.
   */
  public List<String> failures(List<Result> results) {
    if (mode != LintSettings.FAIL) {
      return List.of();
    }
    return List.copyOf(results.stream().flatMap(r -> r.violations().stream())
        .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
  }

  Result check(Endpoint endpoint) {
    List<String> violations = new ArrayList<>();
    Map<String, String> notes = new LinkedHashMap<>();
    Map<String, String> facts = new LinkedHashMap<>();
    Set<String> exemptions = new LinkedHashSet<>();
    for (EndpointRule rule : rules) {
      var exempt = endpoint.exemption(rule.id());
      if (exempt.isPresent()) {
        if (exempt.get().isBlank()) {
          violations.add(endpoint.name() + ": " + rule.id() + ": @LintExempt has no reason —"
              + " say why the rule does not apply");
        }
        exemptions.add(rule.id() + " (" + exempt.get() + ")");
        continue;
      }
      rule.check(endpoint, new Findings() {
        @Override
        public void violation(String problem, String fix) {
          violations.add(endpoint.name() + ": " + rule.id() + ": " + problem + " — " + fix);
        }

        @Override
        public void note(String column, String value) {
          notes.merge(column, value, (a, b) -> a + ", " + b);
        }

        @Override
        public void fact(String name, String value) {
          facts.merge(name, value, (a, b) -> a + "," + b);
        }

        @Override
        public boolean reportOnly(String check) {
          return reportOnly.contains(check);
        }
      });
    }
    if (!exemptions.isEmpty()) {
      notes.put("exempt", String.join("; ", exemptions));
    }
    if (!exemptions.isEmpty()) {
      facts.put("exempt", String.join(",", exemptedRules(endpoint)));
    }
    return new Result(endpoint, violations, notes, facts);
  }

  private List<String> exemptedRules(Endpoint endpoint) {
    return rules.stream().map(EndpointRule::id)
        .filter(id -> endpoint.exemption(id).isPresent()).toList();
  }

  private void report(List<Result> results) {
    if (results.isEmpty()) {
      return;
    }
    StringBuilder report = new StringBuilder("Gatehouse endpoint report (" + results.size()
        + " endpoints" + enforcedBy + "):");
    List<String> violations = new ArrayList<>();
    for (Result r : results) {
      report.append("\n  ").append(line(r));
      violations.addAll(r.violations());
    }
    LOG.log(System.Logger.Level.INFO, report.toString());
    if (violations.isEmpty() || mode == LintSettings.FAIL) {
      return;
    }
    LOG.log(System.Logger.Level.WARNING, "Gatehouse endpoint lint (" + LintSettings.MODE
        + "=warn) found " + violations.size() + " problems:\n  " + String.join("\n  ", violations));
  }

  /** {@code GET /notes/{id} | who: authenticated | owned: id | paging: - | ...}. */
  String line(Result r) {
    StringBuilder b = new StringBuilder(r.endpoint().httpMethod()).append(' ')
        .append(r.endpoint().path());
    for (String column : columns) {
      b.append(" | ").append(column).append(": ").append(r.notes().getOrDefault(column, "-"));
    }
    r.notes().forEach((column, value) -> {
      if (!columns.contains(column)) {
        b.append(" | ").append(column).append(": ").append(value);
      }
    });
    return b.toString();
  }
}
