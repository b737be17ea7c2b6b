package dev.gatehouse.test.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.lint.EndpointReport;
import dev.gatehouse.test.AttackResults.Row;
import dev.gatehouse.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The attacks of {@link dev.gatehouse.test.AttackKit}, run in order; rate limits last. */
public final class Attacks {

  /** The documentation paths every runtime or framework might serve (core's docs gate's list). */
  static final List<String> DOCS = List.of("/openapi", "/openapi.json", "/openapi.yaml",
      "/swagger-ui", "/swagger-ui/index.html", "/q/openapi", "/q/swagger-ui", "/docs",
      "/api-docs", "/application.wadl");
  static final String UNLISTED_ORIGIN = "https://gatehouse-attack.invalid";
  private static final Pattern VARIABLE = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final EndpointReport report;
  private final TestTokens tokens;
  private final String owner;
  private final String other;
  private final Map<String, Function<String, String>> fixtures;
  private final Map<String, String> missing;
  private final Map<String, String> skipped;
  private final int maxRateLimitCalls;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, String> ownedIds = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Set<String> allRoles = new LinkedHashSet<>();
  private final Set<String> allScopes = new LinkedHashSet<>();

  public Attacks(URI base, EndpointReport report, TestTokens tokens, String owner, String other,
      Map<String, Function<String, String>> fixtures, Map<String, String> missing,
      Map<String, String> skipped, int maxRateLimitCalls) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.report = report;
    this.tokens = tokens;
    this.owner = owner;
    this.other = other;
    this.fixtures = Map.copyOf(fixtures);
    this.missing = Map.copyOf(missing);
    this.skipped = Map.copyOf(skipped);
    this.maxRateLimitCalls = maxRateLimitCalls;
    report.endpoints().forEach(e -> {
      allRoles.addAll(e.factList("roles"));
      allScopes.addAll(e.factList("scopes"));
    });
  }

  public List<Row> run() {
    List<EndpointReport.Entry> limited = new ArrayList<>();
    for (EndpointReport.Entry e : report.endpoints()) {
      String name = e.method() + " " + e.path();
      String reason = skipped.get(name);
      if (reason != null) {
        rows.add(new Row(name, "(all)", "skipped", "skipped: " + reason, true));
        continue;
      }
      attack(e);
      if (!e.factList("rate-limit").isEmpty()) {
        limited.add(e);
      }
    }
    // the application's paths and, where the application is not at the root, the server's:
    // a runtime may serve documentation beside the application, outside its filters
    Set<String> urls = new LinkedHashSet<>();
    for (String docs : DOCS) {
      urls.add(base + docs);
    }
    for (String docs : DOCS) {
      urls.add(base.resolve(docs).toString());
    }
    for (String url : urls) {
      Reply r = send("GET", url, null, null, Map.of());
      rows.add(new Row("GET " + URI.create(url).getPath(), "documentation without a token",
          "4xx", r.describe(), r.status() >= 400 && r.status() < 500));
    }
    limited.forEach(this::rateLimit);
    return rows;
  }

  private void attack(EndpointReport.Entry e) {
    String name = e.method() + " " + e.path();
    String access = e.fact("access").orElse(null);
    List<String> roles = e.factList("roles");
    List<String> scopes = e.factList("scopes");
    boolean json = e.fact("body").filter("json"::equals).isPresent();
    boolean body = e.fact("body").isPresent();
    String path;
    try {
      path = concretePath(e);
    } catch (MissingFixture m) {
      rows.add(new Row(name, "(all)", "an id of the first caller", m.getMessage(), false));
      return;
    }
    String url = base + path;
    String emptyBody = json ? "{}" : null;
    String good = bearer(tokens.token().subject(caller(e)).roles(roles).scopes(scopes).sign());
    if ("authenticated".equals(access) || "roles".equals(access) || !scopes.isEmpty()) {
      expect(e, "no token", "401", send(e.method(), url, null, emptyBody, Map.of()));
      expect(e, "token signed with another key", "401", send(e.method(), url,
          bearer(tokens.token().subject(owner).roles(roles).scopes(scopes).signedWithOtherKey()
              .sign()), emptyBody, Map.of()));
      expect(e, "expired token", "401", send(e.method(), url,
          bearer(tokens.token().subject(owner).roles(roles).scopes(scopes).expired().sign()),
          emptyBody, Map.of()));
      expect(e, "alg none token", "401", send(e.method(), url,
          bearer(tokens.token().subject(owner).roles(roles).scopes(scopes).unsigned().sign()),
          emptyBody, Map.of()));
      expect(e, "token for another audience", "401", send(e.method(), url,
          bearer(tokens.token().subject(owner).roles(roles).scopes(scopes).wrongAudience()
              .sign()), emptyBody, Map.of()));
    }
    if ("roles".equals(access)) {
      expect(e, "token without role " + String.join("/", roles), "403", send(e.method(), url,
          bearer(tokens.token().subject(owner).scopes(scopes).sign()), emptyBody, Map.of()));
    }
    if (!scopes.isEmpty()) {
      expect(e, "token without scope " + String.join(" ", scopes), "403", send(e.method(),
          url, bearer(tokens.token().subject(owner).roles(roles).sign()), emptyBody, Map.of()));
    }
    if ("nobody".equals(access)) {
      expect(e, "token with every role (@DenyAll)", "403", send(e.method(), url,
          bearer(tokens.token().subject(owner).roles(allRoles).scopes(allScopes).sign()),
          emptyBody, Map.of()));
      return; // nothing else reaches it
    }
    for (String param : e.factList("owned")) {
      notOwner(e, name, param, roles, scopes, emptyBody);
    }
    String caller = "anyone".equals(access) && scopes.isEmpty() ? null : good;
    if (json) {
      expect(e, "unknown JSON field", "400", send(e.method(), url, caller,
          "{\"gatehouseAttackUnknownField\":1}", Map.of()));
      expect(e, "duplicate JSON key", "400", send(e.method(), url, caller,
          "{\"gatehouseAttack\":1,\"gatehouseAttack\":2}", Map.of()));
    }
    if (body) {
      long max = e.fact("max-body-size").map(Long::parseLong).orElse(-1L);
      if (max > 0 && max < 64L * 1024 * 1024) {
        expect(e, "body of " + (max + 1) + " bytes (limit " + max + ")", "413",
            sendOversized(e.method(), url, caller, oversized((int) max + 1)));
      }
    }
    Reply preflight = send("OPTIONS", url, null, null, Map.of("Origin", UNLISTED_ORIGIN,
        "Access-Control-Request-Method", e.method(),
        "Access-Control-Request-Headers", "authorization,content-type"));
    boolean granted = preflight.header("Access-Control-Allow-Origin").isPresent();
    rows.add(new Row(name, "CORS preflight from an unlisted origin",
        "no Access-Control-Allow-Origin", granted ? preflight.status()
            + " Access-Control-Allow-Origin: " + preflight.header("Access-Control-Allow-Origin")
            .get() : preflight.describe() + " without it", !granted && preflight.status() > 0));
  }

  private void notOwner(EndpointReport.Entry e, String name, String param, List<String> roles,
      List<String> scopes, String emptyBody) {
    String key = e.path() + " " + param;
    String id = ownedIds.get(key);
    String missingId = missing.getOrDefault(key, id.chars().allMatch(Character::isDigit)
        ? "987654321987" : UUID.randomUUID().toString());
    String otherToken = bearer(tokens.token().subject(other).roles(roles).scopes(scopes).sign());
    String ownerToken = bearer(tokens.token().subject(owner).roles(roles).scopes(scopes).sign());
    Reply notYours = send(e.method(), base + concretePath(e, param, id), otherToken, emptyBody,
        Map.of());
    Reply none = send(e.method(), base + concretePath(e, param, missingId), ownerToken,
        emptyBody, Map.of());
    boolean same = sameProblem(notYours.body(), none.body());
    boolean passed = notYours.status() == 404 && none.status() == 404 && same;
    rows.add(new Row(name, "not-owner " + param + " (another caller's id)",
        "404, the body of a missing id", notYours.describe() + (notYours.status() == 404
            ? (none.status() != 404 ? "; a missing id got " + none.status()
            : same ? ", same body" : "; the body differs from a missing id's: "
            + clip(notYours.body()) + " vs " + clip(none.body())) : ""), passed));
  }

  private void rateLimit(EndpointReport.Entry e) {
    String name = e.method() + " " + e.path();
    int limit = Integer.MAX_VALUE;
    String policy = null;
    for (String p : e.factList("rate-limit")) {
      String[] parts = p.split(" ");
      int l = Integer.parseInt(parts[1]);
      if (l < limit) {
        limit = l;
        policy = parts[0] + " (" + parts[1] + " per " + parts[2] + " by " + parts[3] + ")";
      }
    }
    int calls = limit + 1;
    if (calls > maxRateLimitCalls) {
      rows.add(new Row(name, "rate limit " + policy, "429 by call " + calls, "not tried: more"
          + " than maxRateLimitCalls(" + maxRateLimitCalls + ")", false));
      return;
    }
    String url;
    try {
      url = base + concretePath(e);
    } catch (MissingFixture m) {
      return; // its row says so already
    }
    List<String> roles = e.factList("roles");
    List<String> scopes = e.factList("scopes");
    String token = "anyone".equals(e.fact("access").orElse(null)) && scopes.isEmpty() ? null
        : bearer(tokens.token().subject(caller(e)).roles(roles).scopes(scopes).sign());
    String body = e.fact("body").filter("json"::equals).isPresent() ? "{}" : null;
    Reply last = null;
    int at = 0;
    for (int i = 1; i <= calls; i++) {
      last = send(e.method(), url, token, body, Map.of());
      if (last.status() == 429) {
        at = i;
        break;
      }
    }
    boolean ok = at > 0 && last.header("Retry-After").isPresent();
    rows.add(new Row(name, "rate limit " + policy, "429 with Retry-After by call " + calls,
        at > 0 ? "429 at call " + at + (ok ? "" : " without Retry-After")
            : last.status() + " at call " + calls, ok));
  }

  /**
   * The subject of a well-formed call that must reach a later check: the first caller where the
   * endpoint needs a real one (an owned parameter, roles re-read from the application's data),
   * else a subject of its own, so that a per-user rate limit spent on one endpoint's attacks does
   * not answer another endpoint's with 429 before its check runs.
   */
  private String caller(EndpointReport.Entry e) {
    if (!e.factList("owned").isEmpty() || e.fact("recheck").isPresent()) {
      return owner;
    }
    return "gatehouse-attack-" + (++fresh);
  }

  private int fresh;

  private void expect(String endpoint, String attack, String expected, Reply got) {
    rows.add(new Row(endpoint, attack, expected, got.describe(),
        Integer.toString(got.status()).equals(expected)));
  }

  /**
   * As {@link #expect(String, String, String, Reply)}, on an endpoint whose rate limit counts
   * refused calls too (anonymous ones by address): once the kit's own attacks have spent it, a 429
   * with {@code Retry-After} refuses the attack before the check is reached — refused still, and
   * the table says which answered.
   */
  private void expect(EndpointReport.Entry e, String attack, String expected, Reply got) {
    String endpoint = e.method() + " " + e.path();
    if (got.status() == 429 && !e.factList("rate-limit").isEmpty()
        && got.header("Retry-After").isPresent()) {
      rows.add(new Row(endpoint, attack, expected, "429 (its rate limit, spent by earlier"
          + " attacks, answered first)", true));
      return;
    }
    expect(endpoint, attack, expected, got);
  }

  /** The path with each owned parameter an id of the owner, every other variable {@code 1}. */
  private String concretePath(EndpointReport.Entry e) {
    return substitute(e, null, null);
  }

  private String concretePath(EndpointReport.Entry e, String param, String id) {
    return substitute(e, param, id);
  }

  private String substitute(EndpointReport.Entry e, String param, String id) {
    List<String> ownedParams = e.factList("owned");
    Matcher m = VARIABLE.matcher(e.path());
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String var = m.group(1);
      String value;
      if (var.equals(param)) {
        value = id;
      } else if (ownedParams.contains(var)) {
        value = ownedId(e.path(), var);
      } else {
        value = "1";
      }
      m.appendReplacement(b, Matcher.quoteReplacement(
          java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    m.appendTail(b);
    return b.toString();
  }

  private String ownedId(String path, String param) {
    String key = path + " " + param;
    String id = ownedIds.get(key);
    if (id != null) {
      return id;
    }
    Function<String, String> fixture = fixtures.get(key);
    if (fixture == null) {
      throw new MissingFixture("no id of the first caller for @Owned " + param + " on " + path
          + ": give one with owned(\"" + path + "\", \"" + param + "\", owner -> ...)");
    }
    id = fixture.apply(bearer(tokens.token().subject(owner).roles(allRoles).scopes(allScopes)
        .sign()));
    ownedIds.put(key, id);
    return id;
  }

  private static final class MissingFixture extends RuntimeException {
    MissingFixture(String message) {
      super(message, null, false, false);
    }
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String oversized(int bytes) {
    StringBuilder b = new StringBuilder(bytes).append("{\"a\":\"");
    while (b.length() < bytes - 2) {
      b.append('x');
    }
    return b.append("\"}").toString();
  }

  /** Whether two problem bodies say the same, request ids aside. */
  static boolean sameProblem(String a, String b) {
    try {
      JsonNode x = JSON.readTree(a);
      JsonNode y = JSON.readTree(b);
      if (x instanceof ObjectNode ox && y instanceof ObjectNode oy) {
        for (String volatileField : List.of("requestId", "instance", "timestamp", "traceId")) {
          ox.remove(volatileField);
          oy.remove(volatileField);
        }
      }
      return x.equals(y);
    } catch (IOException notJson) {
      return a.equals(b);
    }
  }

  private static String clip(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }

  private Reply send(String method, String url, String authorization, String body,
      Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.header("Accept", "application/json, application/problem+json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    headers.forEach(b::header);
    HttpRequest request = b.build();
    // a server closes the connection after refusing a body over its limit unread: a request
    // sent on that pooled connection fails, and goes again once on a fresh one
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> r = http.send(request,
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body(), r.headers().map());
      } catch (IOException e) {
        if (attempt == 2) {
          return new Reply(-1, String.valueOf(e), Map.of());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
      }
    }
  }

  /**
   * Sends a body over the limit on a socket of its own, writing it from another thread while the
   * answer is read: a server may answer 413 and stop reading without closing the connection
   * (Payara's Grizzly does), and a client that must finish writing first never sees the answer.
   */
  private Reply sendOversized(String method, String url, String authorization, String body) {
    URI uri = URI.create(url);
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method).append(' ').append(uri.getRawPath())
        .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
        .append("Host: ").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + port : "")
        .append("\r\nContent-Type: application/json\r\nAccept: application/json\r\n")
        .append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n");
    if (authorization != null) {
      head.append("Authorization: ").append(authorization).append("\r\n");
    }
    head.append("\r\n");
    try (java.net.Socket socket = tls
        ? javax.net.ssl.SSLSocketFactory.getDefault().createSocket(uri.getHost(), port)
        : new java.net.Socket(uri.getHost(), port)) {
      socket.setSoTimeout(30_000);
      Thread writer = new Thread(() -> {
        try {
          var out = socket.getOutputStream();
          out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
          out.write(bytes);
          out.flush();
        } catch (IOException refusedMidway) {
          // the server answered and closed before reading it all: what is read below counts
        }
      }, "gatehouse-attack-body");
      writer.setDaemon(true);
      writer.start();
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      String status = in.readLine();
      if (status == null || !status.startsWith("HTTP/1.")) {
        return new Reply(-1, "no status line: " + status, Map.of());
      }
      return new Reply(Integer.parseInt(status.split(" ")[1]), "", Map.of());
    } catch (IOException | RuntimeException e) {
      return new Reply(-1, String.valueOf(e), Map.of());
    }
  }

  private record Reply(int status, String body, Map<String, List<String>> headers) {

    Optional<String> header(String name) {
      return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
          .flatMap(h -> h.getValue().stream()).findFirst();
    }

    String describe() {
      return status == -1 ? "no answer (" + body + ")" : Integer.toString(status);
    }
  }
}
