package dev.gatehouse.test;

import dev.gatehouse.core.lint.EndpointReport;
import dev.gatehouse.test.internal.Attacks;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Attacks every endpoint of a running application as its declared rules imply, and fails the
 * test with a table of endpoint × attack × expected × got when one is not refused. It reads
 * Gatehouse's endpoint report — {@link EndpointReport#current()} in the application's own JVM, or
 * the file the server writes when its test configuration sets {@code gatehouse.lint.report-file}
 * — and, for each endpoint:
 *
 * <ul>
 *   <li>where a caller is required: no token, a token signed with another key, an expired token
 *       and an {@code alg: none} token (401 each); a token without the required role or scope
 *       (403); {@code @DenyAll}: a token with every role (403);</li>
 *   <li>for each {@code @Owned} parameter: the id of an object of the first caller, asked by the
 *       second (404, with the same body as a missing id);</li>
 *   <li>for a JSON body: an unknown field and a duplicate key (400), and a body one byte over
 *       the endpoint's limit (413);</li>
 *   <li>a CORS preflight from an origin nobody listed (no {@code Access-Control-Allow-Origin});</li>
 *   <li>for a rate-limited endpoint, last: {@code limit + 1} calls (a 429 by then);</li>
 * </ul>
 * and, once, the documentation paths without a token (4xx).
 *
 * <pre>{@code
 * AttackKit.against(URI.create("http://localhost:8080"))
 *     .report(EndpointReport.current())
 *     .callers(aliceId, bobId)
 *     .owned("/notes/{id}", "id", alice -> createNote(alice))   // an id of the first caller
 *     .run()
 *     .assertPassed();
 * }</pre>
 *
 * <p>Run it against a test instance: it creates what the fixtures create, and it spends the rate
 * limits of its callers and of this machine's address.
 */
public final class AttackKit {

  /** The subjects the callers have unless {@link #callers} names others. */
  public static final String DEFAULT_OWNER = "gatehouse-attack-owner";
  public static final String DEFAULT_OTHER = "gatehouse-attack-other";
  /** The most calls spent on one rate limit unless {@link #maxRateLimitCalls} allows more. */
  public static final int DEFAULT_MAX_RATE_LIMIT_CALLS = 200;

  private final URI base;
  private EndpointReport report;
  private TestTokens tokens;
  private String owner = DEFAULT_OWNER;
  private String other = DEFAULT_OTHER;
  private final Map<String, Function<String, String>> owned = new LinkedHashMap<>();
  private final Map<String, String> missing = new LinkedHashMap<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private int maxRateLimitCalls = DEFAULT_MAX_RATE_LIMIT_CALLS;

  private AttackKit(URI base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  /**
   * A kit against the application at {@code base}: scheme, host, port and the application path,
   * e.g. {@code http://localhost:8080/api}.
   */
  public static AttackKit against(URI base) {
    return new AttackKit(base);
  }

  /** The endpoint report to attack by (in the application's JVM: {@link EndpointReport#current()}). */
  public AttackKit report(EndpointReport endpoints) {
    this.report = Objects.requireNonNull(endpoints, "report");
    return this;
  }

  /** Reads the report the server wrote to {@code gatehouse.lint.report-file}. */
  public AttackKit reportFile(Path file) {
    return report(EndpointReport.read(file));
  }

  /** The tokens of the callers; {@link TestTokens#fromConfig()} by default. */
  public AttackKit tokens(TestTokens testTokens) {
    this.tokens = Objects.requireNonNull(testTokens, "tokens");
    return this;
  }

  /**
   * The subjects of the two callers: {@code ownerSubject} owns the objects the fixtures create,
   * {@code otherSubject} asks for them. They must be callers the application knows, if it looks
   * its callers up.
   */
  public AttackKit callers(String ownerSubject, String otherSubject) {
    if (Objects.equals(ownerSubject, otherSubject)) {
      throw new IllegalArgumentException("callers: the owner and the other caller must differ");
    }
    this.owner = Objects.requireNonNull(ownerSubject);
    this.other = Objects.requireNonNull(otherSubject);
    return this;
  }

  /**
   * How to get an id of an object the first caller owns, for the {@code @Owned} parameter
   * {@code param} of the endpoints on {@code pathTemplate}: {@code create} receives the owner's
   * {@code Authorization} header value (a token with every role and scope the report names) and
   * returns the id. Called once per template and parameter.
   */
  public AttackKit owned(String pathTemplate, String param, Function<String, String> create) {
    owned.put(pathTemplate + " " + param, Objects.requireNonNull(create));
    return this;
  }

  /**
   * An id no object has, to compare the "not yours" answer with; by default a large number when
   * the owned id is a number, else a random UUID.
   */
  public AttackKit missingId(String pathTemplate, String param, String id) {
    missing.put(pathTemplate + " " + param, Objects.requireNonNull(id));
    return this;
  }

  /** Leaves out the endpoint {@code method path}, with the reason shown in the table. */
  public AttackKit skip(String method, String pathTemplate, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("skip: say why " + method + " " + pathTemplate
          + " is not attacked");
    }
    skipped.put(method + " " + pathTemplate, reason);
    return this;
  }

  /** The most calls spent on reaching one rate limit; a larger limit is a failed row. */
  public AttackKit maxRateLimitCalls(int calls) {
    if (calls < 1) {
      throw new IllegalArgumentException("maxRateLimitCalls: must be at least 1, was " + calls);
    }
    this.maxRateLimitCalls = calls;
    return this;
  }

  /** Runs every attack. */
  public AttackResults run() {
    EndpointReport r = report != null ? report : EndpointReport.current();
    if (r.endpoints().isEmpty()) {
      throw new IllegalStateException("the endpoint report is empty: is gatehouse.lint.mode off,"
          + " or did the server write its report before its resources were shown?");
    }
    TestTokens t = tokens != null ? tokens : TestTokens.fromConfig();
    return new AttackResults(new Attacks(base, r, t, owner, other, owned, missing, skipped,
        maxRateLimitCalls).run());
  }

  /** The endpoints the kit will attack, for a test's own checks. */
  public List<EndpointReport.Entry> endpoints() {
    return (report != null ? report : EndpointReport.current()).endpoints();
  }
}
