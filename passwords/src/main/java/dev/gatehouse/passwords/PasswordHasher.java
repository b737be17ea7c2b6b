package dev.gatehouse.passwords;

import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.config.ConfigReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.eclipse.microprofile.config.Config;

/**
 * Argon2id password hashing (RFC 9106) on Bouncy Castle with the OWASP Password Storage Cheat
 * Sheet's parameters: 19 MiB of memory, 2 iterations, 1 lane, a 16-byte salt and a 32-byte hash.
 * Hashes are PHC strings that carry their parameters
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so stronger parameters later still verify
 * old hashes and {@link #needsRehash} says when to upgrade one at login.
 *
 * <pre>{@code
 * String stored = user == null ? null : user.passwordHash();
 * if (!hasher.verify(stored, request.password()) || user == null) throw unauthorized();
 * }</pre>
 *
 * <p>{@link #verify} does the same work when there is no stored hash (unknown user) as when there
 * is one, against a fixed dummy hash, and compares in constant time — so a login for an unknown
 * email costs as long as one with a wrong password.
 *
 * <p>Each hash costs 19 MiB and a few dozen milliseconds of one core, so at most
 * {@code gatehouse.password.max-concurrent-hashes} run at once (default twice the processors); a
 * call that cannot start within {@code gatehouse.password.max-wait} (default {@code PT1S}) is
 * answered 503 with {@code Retry-After} — a burst of logins waits briefly, a flood cannot queue
 * without bound and starve every other request.
 */
@ApplicationScoped
public class PasswordHasher {

  static final int MEMORY_KIB = 19_456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  /** Longer inputs are refused before hashing: no one types more, and attackers would. */
  public static final int MAX_PASSWORD_CHARS = 1024;

  public static final String MAX_CONCURRENT = "gatehouse.password.max-concurrent-hashes";
  public static final String MAX_WAIT = "gatehouse.password.max-wait";
  /** Twice the processors: hashing is CPU work, more at once only makes each slower. */
  public static final int DEFAULT_MAX_CONCURRENT = 2 * Runtime.getRuntime().availableProcessors();
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  private final Semaphore permits;
  private final long maxWaitNanos;
  private final String dummy;

  /** The default limits, for a hasher made outside CDI. */
  public PasswordHasher() {
    this(PasswordLimits.ofDefaults());
  }

  /** The limits of the application's MicroProfile Config, validated: the CDI bean. */
  @Inject
  public PasswordHasher(Config config) {
    this(PasswordLimits.fromConfig(config));
  }

  private PasswordHasher(PasswordLimits limits) {
    this(limits.maxConcurrent(), limits.maxWait());
  }

  /**
   * A hasher running at most {@code maxConcurrent} hashes at once, each call waiting at most
   * {@code maxWait} for its turn.
   */
  public PasswordHasher(int maxConcurrent, Duration maxWait) {
    this.permits = new Semaphore(checkConcurrent(maxConcurrent), true);
    this.maxWaitNanos = checkWait(maxWait).toNanos();
    this.dummy = hash("gatehouse dummy password for unknown users");
  }

  /** A new PHC-format Argon2id hash of {@code password} with a random salt. */
  public String hash(CharSequence password) {
    check(password);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = gated(() -> argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM,
        HASH_BYTES));
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
        + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /**
   * Whether {@code password} matches {@code stored}. A null or malformed {@code stored} (unknown
   * user) costs the same work and returns false.
   */
  public boolean verify(String stored, CharSequence password) {
    if (password == null || password.length() > MAX_PASSWORD_CHARS) {
      verifyAgainst(dummy, "");
      return false;
    }
    Optional<Phc> phc = Phc.parse(stored);
    if (phc.isEmpty()) {
      verifyAgainst(dummy, password);
      return false;
    }
    return verifyAgainst(phc.get(), password);
  }

  /** Whether {@code stored} was made with weaker parameters than today's and should be redone. */
  public boolean needsRehash(String stored) {
    return Phc.parse(stored).map(p -> p.memory < MEMORY_KIB || p.iterations < ITERATIONS
        || p.hash.length < HASH_BYTES).orElse(true);
  }

  private boolean verifyAgainst(String stored, CharSequence password) {
    return verifyAgainst(Phc.parse(stored).orElseThrow(), password);
  }

  private boolean verifyAgainst(Phc p, CharSequence password) {
    byte[] actual = gated(() -> argon2(password, p.salt, p.memory, p.iterations, p.parallelism,
        p.hash.length));
    return MessageDigest.isEqual(actual, p.hash);
  }

  /**
   * Runs one hash when a permit is free within the wait.
   *
   * @throws ProblemException 503 with {@code Retry-After} when the hashing capacity is saturated
   */
  private byte[] gated(java.util.function.Supplier<byte[]> hashing) {
    boolean acquired;
    try {
      acquired = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      Problem busy = Problem.of(503).detail("The service is busy; retry later.")
          .event(SecurityEventType.SERVER_ERROR, "password_hashing_saturated")
          .header("Retry-After", "1");
      throw new ProblemException(busy);
    }
    try {
      return hashing.get();
    } finally {
      permits.release();
    }
  }

  static int checkConcurrent(long n) {
    if (n < 1 || n > 1024) {
      throw new IllegalArgumentException(ConfigReader.describe(MAX_CONCURRENT, n,
          "must be from 1 to 1024; each hash takes 19 MiB and a core, e.g. twice the processors"));
    }
    return (int) n;
  }

  static Duration checkWait(Duration d) {
    if (d == null || d.isNegative() || d.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException(ConfigReader.describe(MAX_WAIT, d,
          "must be from PT0S to PT30S, e.g. PT1S"));
    }
    return d;
  }

  /**
   * The hashing limits from MicroProfile Config ({@link #MAX_CONCURRENT}, {@link #MAX_WAIT}),
   * validated — this module reads them when the application starts, so a bad value stops the
   * application then, not at its first login.
   *
   * @param maxConcurrent hashes at once
   * @param maxWait longest wait for a turn
   */
  public record PasswordLimits(int maxConcurrent, Duration maxWait) {

    /** {@link #DEFAULT_MAX_CONCURRENT} and {@link #DEFAULT_MAX_WAIT}. */
    public static PasswordLimits ofDefaults() {
      return new PasswordLimits(DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_WAIT);
    }

    /**
     * The configured values, the defaults where none is set.
     *
     * @throws dev.gatehouse.core.config.GatehouseConfigException for an invalid value
     */
    public static PasswordLimits fromConfig(Config config) {
      return ConfigReader.read(config, in -> {
        int[] n = {DEFAULT_MAX_CONCURRENT};
        Duration[] wait = {DEFAULT_MAX_WAIT};
        in.longValue(MAX_CONCURRENT).ifPresent(v -> in.apply(x -> n[0] = checkConcurrent(x), v));
        in.duration(MAX_WAIT).ifPresent(v -> in.apply(x -> wait[0] = checkWait(x), v));
        return new PasswordLimits(n[0], wait[0]);
      });
    }
  }

  private static void check(CharSequence password) {
    if (password == null || password.length() == 0 || password.length() > MAX_PASSWORD_CHARS) {
      throw new IllegalArgumentException("a password has 1 to " + MAX_PASSWORD_CHARS
          + " characters");
    }
  }

  private static byte[] argon2(CharSequence password, byte[] salt, int memory, int iterations,
      int parallelism, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memory)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] pw = new byte[encoded.remaining()];
    encoded.get(pw);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(pw, out);
    } finally {
      Arrays.fill(pw, (byte) 0);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
    }
    return out;
  }

  /** A parsed PHC string; parameters are bounded so a planted hash cannot exhaust memory. */
  private record Phc(int memory, int iterations, int parallelism, byte[] salt, byte[] hash) {
    static Optional<Phc> parse(String s) {
      if (s == null || !s.startsWith("$argon2id$v=19$")) {
        return Optional.empty();
      }
      String[] parts = s.split("\\$");
      if (parts.length != 6) {
        return Optional.empty();
      }
      try {
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
          int v = Integer.parseInt(kv.substring(2));
          switch (kv.substring(0, 2)) {
            case "m=" -> m = v;
            case "t=" -> t = v;
            case "p=" -> p = v;
            default -> {
              return Optional.empty();
            }
          }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] hash = B64D.decode(parts[5]);
        boolean sane = m >= 8 && m <= 1_048_576 && t >= 1 && t <= 16 && p >= 1 && p <= 16
            && salt.length >= 8 && hash.length >= 16 && hash.length <= 64;
        return sane ? Optional.of(new Phc(m, t, p, salt, hash)) : Optional.empty();
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }
}
