package dev.gatehouse.core.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoint report as data: every endpoint of the application the lint checked, with the
 * report's columns (as logged on {@code dev.gatehouse.lint}) and the rules' machine-readable
 * {@link Findings#fact facts} — who may call it, which parameters are owned, what body it reads and
 * how large, which rate limits count it. It is what the {@code gatehouse-test} attack kit reads to
 * know which attacks each endpoint must withstand.
 *
 * <p>It is never served over HTTP. In the application's own JVM it is {@link #current()}; for a
 * test against a separately started server (WildFly, Payara, a jar) set
 * {@code gatehouse.lint.report-file} in the server's test configuration, and the report is written
 * there as JSON each time the lint checks more classes, to be {@link #read read} by the test.
 *
 * <pre>{@code
 * EndpointReport report = EndpointReport.read(Path.of("target/endpoints.json"));
 * report.endpoint("GET", "/notes/{id}").flatMap(e -> e.fact("owned")); // Optional["id"]
 * }</pre>
 */
public final class EndpointReport {

  /**
   * {@code gatehouse.lint.report-file}: a file the report is written to as JSON (for tests
   * against a separately started server); unset by default — nothing is written.
   */
  public static final String REPORT_FILE = "gatehouse.lint.report-file";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * One endpoint.
   *
   * @param method the HTTP method
   * @param path the path template below the application path, e.g. {@code /notes/{id}}
   * @param name {@code Class#method}
   * @param columns the report columns as logged, e.g. {@code who → authenticated}
   * @param facts the rules' facts, e.g. {@code access → authenticated}, {@code owned → id}
   */
  public record Entry(String method, String path, String name, Map<String, String> columns,
      Map<String, String> facts) {

    public Entry {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(name, "name");
      columns = Map.copyOf(columns);
      facts = Map.copyOf(facts);
    }

    /** A fact's value, if the rules stated it. */
    public Optional<String> fact(String name) {
      return Optional.ofNullable(facts.get(name));
    }

    /** A fact's comma-separated values, empty when it is absent. */
    public List<String> factList(String name) {
      String v = facts.get(name);
      if (v == null || v.isBlank()) {
        return List.of();
      }
      return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .toList();
    }
  }

  private final List<Entry> endpoints;

  private EndpointReport(List<Entry> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  /** A report of {@code endpoints}, in their order. */
  public static EndpointReport of(List<Entry> endpoints) {
    return new EndpointReport(endpoints);
  }

  /**
   * The report of the application running in this JVM: every endpoint linted so far.
   *
   * @throws IllegalStateException when no Gatehouse application runs here
   */
  public static EndpointReport current() {
    return dev.gatehouse.core.internal.CoreRuntime.current().endpointReport();
  }

  /** Reads a report written to {@code gatehouse.lint.report-file}. */
  public static EndpointReport read(Path file) {
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the endpoint report " + file
          + " (is " + REPORT_FILE + " set in the server's configuration?)", e);
    }
  }

  /** Parses {@link #toJson()}. */
  public static EndpointReport fromJson(String json) {
    try {
      List<Entry> entries = JSON.readValue(json, new TypeReference<List<Entry>>() { });
      return new EndpointReport(entries);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an endpoint report: " + e.getOriginalMessage(), e);
    }
  }

  /** Every endpoint, by path then method. */
  public List<Entry> endpoints() {
    return endpoints;
  }

  /** The endpoint answering {@code method} on the path template {@code path}. */
  public Optional<Entry> endpoint(String method, String path) {
    return endpoints.stream().filter(e -> e.method().equals(method) && e.path().equals(path))
        .findFirst();
  }

  /** The report as a JSON array of entries. */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(endpoints);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@link #toJson()} to {@code file} atomically: a reader never sees half a report. */
  public void write(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the endpoint report to " + file + " ("
          + REPORT_FILE + ")", e);
    }
  }

  @Override
  public String toString() {
    Map<String, String> lines = new LinkedHashMap<>();
    endpoints.forEach(e -> lines.put(e.method() + " " + e.path(), e.facts().toString()));
    return "EndpointReport" + lines;
  }
}
