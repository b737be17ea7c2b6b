package dev.gatehouse.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.Config;

/**
 * Reads {@code gatehouse.*} properties from MicroProfile Config into a settings builder, collecting
 * every problem instead of stopping at the first, so that one start-up attempt reports them all.
 * Each module's {@code fromConfig(Config)} uses one reader and finishes with {@link #check()}.
 *
 * <pre>{@code
 * ConfigReader in = ConfigReader.of(config);
 * BodySizeLimit.Builder b = BodySizeLimit.builder();
 * in.longValue("gatehouse.body.max-bytes").ifPresent(v -> in.apply(b::maxBytes, v));
 * in.check();
 * }</pre>
 *
 * <p>Values are parsed strictly: booleans are {@code true} or {@code false}, numbers are plain
 * decimal digits, durations are ISO-8601 ({@code PT15M}). A property marked secret never appears
 * in a message.
 */
public final class ConfigReader {

  private final Config config;
  private final List<String> problems = new ArrayList<>();

  private ConfigReader(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static ConfigReader of(Config config) {
    return new ConfigReader(config);
  }

  /**
   * Reads one settings type with a fresh reader and checks it: the body of every
   * {@code fromConfig(Config)}.
   *
   * @throws GatehouseConfigException listing every problem found
   */
  public static <T> T read(Config config, java.util.function.Function<ConfigReader, T> reader) {
    ConfigReader in = of(config);
    T value = reader.apply(in);
    in.check();
    return value;
  }

  /** The raw value, trimmed; empty when unset or blank. */
  public Optional<String> string(String name) {
    return config.getOptionalValue(name, String.class).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** {@code true} or {@code false} (any case); anything else is a problem. */
  public Optional<Boolean> bool(String name) {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String v = raw.get().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Optional.of(Boolean.parseBoolean(v));
    }
    problem(name, raw.get(), "must be true or false");
    return Optional.empty();
  }

  /** A non-negative decimal whole number; signs, exponents and fractions are problems. */
  public Optional<Long> longValue(String name) {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String v = raw.get();
    if (v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      problem(name, v, "must be a whole number written with digits only");
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(v));
  }

  /** An ISO-8601 duration such as {@code PT15M} or {@code P14D}. */
  public Optional<Duration> duration(String name) {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(raw.get().toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException e) {
      problem(name, raw.get(), "must be an ISO-8601 duration, e.g. PT15M or P14D");
      return Optional.empty();
    }
  }

  /** A comma-separated list, each item trimmed, empty items dropped. */
  public Optional<List<String>> list(String name) {
    return string(name).map(v -> Arrays.stream(v.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList());
  }

  /**
   * Passes {@code value} to a validating builder setter; an {@link IllegalArgumentException} it
   * throws becomes a problem with its message (which names the property).
   *
   * @return whether the setter took the value — a reader skips a {@code build()} that would only
   *     add "is required" to the problem already recorded
   */
  public <T> boolean apply(Consumer<T> setter, T value) {
    try {
      setter.accept(value);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return false;
    }
  }

  /** Runs a cross-check (e.g. a builder's {@code build()}), recording its refusal. */
  public <T> Optional<T> attempt(java.util.function.Supplier<T> step) {
    try {
      return Optional.ofNullable(step.get());
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }

  /** Records a problem with a value that may be shown. */
  public void problem(String name, String value, String rule) {
    problems.add(describe(name, value, rule));
  }

  /** Records a problem with a secret value, which is never shown. */
  public void secretProblem(String name, String rule) {
    problems.add(name + ": " + rule);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws one {@link GatehouseConfigException} listing every problem recorded, if any. */
  public void check() {
    if (!problems.isEmpty()) {
      throw new GatehouseConfigException(problems);
    }
  }

  /**
   * The house format of a configuration message: {@code name: "value" rule}. Use it in builder
   * setters so that code and configuration get the same text.
   */
  public static String describe(String name, Object value, String rule) {
    return name + ": \"" + printable(String.valueOf(value)) + "\" " + rule;
  }

  private static String printable(String value) {
    String cut = value.length() > 200 ? value.substring(0, 200) + "…" : value;
    StringBuilder b = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        b.append('?');
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }
}
