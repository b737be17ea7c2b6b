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
import java.util.function.Predicate;
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
 *
 * <p>Secrets ({@link #secret(String, String)}) come as a value or as a mounted file, and are refused
 * when a configuration file packaged inside the application holds them, unless
 * {@value #ALLOW_PACKAGED_SECRETS} is {@code true}.
 */
public final class ConfigReader {

  /**
   * {@code true} accepts a secret from a configuration file packaged inside the application (a
   * test's fixture, say), with a warning at every start; default {@code false}: such a secret stops
   * the application.
   */
  public static final String ALLOW_PACKAGED_SECRETS = "gatehouse.secrets.allow-packaged";
  public static final boolean DEFAULT_ALLOW_PACKAGED_SECRETS = false;

  private static final System.Logger LOG = System.getLogger("dev.gatehouse.config");

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

  /**
   * The text of the file {@code name} names — a mounted secret (Kubernetes, Docker secrets, Vault
   * Agent): UTF-8, at most 1 MiB, the line ending at its end dropped. A missing, unreadable, empty
   * or oversized file is a problem naming the property and the path, never the content.
   */
  public Optional<String> file(String name) {
    Optional<String> path = string(name);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    SecretFile.Read read = SecretFile.read(path.get());
    if (read.refusal() != null) {
      problem(name, path.get(), read.refusal());
      return Optional.empty();
    }
    return Optional.of(read.text());
  }

  /**
   * A secret set either as the value of {@code name} or as a file named by {@code fileName} (see
   * {@link #file(String)}); both set is a problem. Packaged files are checked with
   * {@link #refusePackaged(String, String)} whatever is in force — a profile's packaged secret
   * ({@code %prod.}) ships even where another profile or the file is used. Messages never show
   * the secret.
   */
  public Optional<String> secret(String name, String fileName) {
    Optional<String> value = string(name);
    boolean fromFile = string(fileName).isPresent();
    if (value.isPresent() && fromFile) {
      secretProblem(name, "and " + fileName + " are both set; keep one (the file, e.g. a mounted"
          + " secret)");
      return Optional.empty();
    }
    boolean accepted = refusePackaged(name, fileName);
    if (fromFile) {
      return accepted ? file(fileName) : Optional.empty();
    }
    return accepted ? value : Optional.empty();
  }

  /**
   * Records a problem for each configuration file packaged inside the application
   * ({@code META-INF/microprofile-config.properties}, Quarkus's {@code application.properties} and
   * {@code application.yaml}, profile keys such as {@code %prod.} included) that holds a value of
   * {@code name}, a secret — in force or not, since either way it ships with the artifact — unless
   * {@value #ALLOW_PACKAGED_SECRETS} is {@code true}, which logs a warning instead. The message
   * names the source and the ways to supply the secret instead: the environment variable,
   * {@code fileName}, a secrets manager.
   *
   * @return whether the value may be used
   */
  public boolean refusePackaged(String name, String fileName) {
    return refusePackaged(name, fileName, value -> true);
  }

  /**
   * {@link #refusePackaged(String, String)} for a property whose value holds a secret only
   * sometimes — a URL with a password: a packaged value counts only when {@code holdsSecret}
   * says so of it.
   */
  public boolean refusePackaged(String name, String fileName,
      Predicate<String> holdsSecret) {
    List<PackagedSecrets.Finding> found = PackagedSecrets.find(config, name, holdsSecret);
    if (found.isEmpty()) {
      return true;
    }
    boolean allowed = bool(ALLOW_PACKAGED_SECRETS).orElse(DEFAULT_ALLOW_PACKAGED_SECRETS);
    for (PackagedSecrets.Finding f : found) {
      String where = f.where() + ", a configuration file packaged inside the application";
      String how = f.inForce() ? "comes from " + where
          : f.profileKey().isPresent() ? "is set in " + where + " as " + f.profileKey().get()
          : f.overridden() ? "is also set in " + where + " (a value from another source"
              + " overrides it)"
          : "is set in " + where;
      if (allowed) {
        LOG.log(System.Logger.Level.WARNING, name + " " + how + "; accepted because "
            + ALLOW_PACKAGED_SECRETS + "=true. Never ship a production secret this way: set "
            + PackagedSecrets.environmentVariable(name) + " or " + fileName + " instead");
        continue;
      }
      secretProblem(name, how
          + ", so the secret is in the repository and in every copy of the artifact. Delete it"
          + " there, rotate it, and supply it at run time: the environment variable "
          + PackagedSecrets.environmentVariable(name) + ", a mounted file named by " + fileName
          + " (Kubernetes or Docker secret, Vault Agent), or a secrets manager that feeds"
          + " MicroProfile Config; a test may set " + ALLOW_PACKAGED_SECRETS + "=true");
    }
    return allowed;
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
