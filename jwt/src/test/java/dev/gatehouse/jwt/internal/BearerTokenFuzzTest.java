package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.support.AllocationBudget;
import dev.gatehouse.core.support.FuzzRequest;
import dev.gatehouse.jwt.JwtSettings;
import dev.gatehouse.jwt.support.Servers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Timeout;

/**
 * Bearer tokens against a real HS256 key: any {@code Authorization} header through
 * {@link BearerAuthenticationFilter} to {@link TokenVerifier}, and any header and claims JSON that
 * the test signs with the key itself, so that the fuzzer reaches what is checked after the
 * signature. The seeds are valid tokens of the key at the test's fixed clock, for the fuzzer to
 * mutate.
 *
 * <p>Invariant: the filter authenticates, records the one 401 problem, or leaves the request
 * anonymous (no bearer header) — it never throws; verification returns a token or an
 * {@link AuthenticationFailure}; never a hang (10 s per input). A token that authenticates is one
 * the key signed, in the one canonical base64url spelling of each part, with {@code alg} HS256,
 * and the principal's claims are the signed ones, within the time rules at the clock. One
 * verification allocates at most 2 MiB + 1 KiB per input byte (fuzzing measured 1.07 MB for 155
 * bytes of signed claims, 880 KB for 299, and 280 KB for an {@code Authorization} header).
 */
class BearerTokenFuzzTest {

  /** Seeds are tokens of this key at {@link #NOW}: both are fixed so that they stay valid. */
  static final byte[] SECRET = "gatehouse-fuzz-hs256-secret-0001".getBytes(StandardCharsets.US_ASCII);
  static final Instant NOW = Instant.parse("2100-01-01T00:00:00Z");

  private static final AllocationBudget BUDGET = new AllocationBudget(2 * 1024 * 1024, 1024);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final JwtSettings SETTINGS = JwtSettings.builder().issuer(Servers.ISSUER)
      .audience(Servers.AUDIENCE).hmacSecret(SECRET).build();
  private static final TokenVerifier VERIFIER =
      new TokenVerifier(SETTINGS, KeyRing.fixed(SettingsKeys.of(SETTINGS), CLOCK),
          new InMemoryDenyList(CLOCK), CLOCK);
  private static final CurrentToken HOLDER = new CurrentToken();
  private static final BearerAuthenticationFilter FILTER = new BearerAuthenticationFilter(
      () -> new BearerAuthenticationFilter.Uses(VERIFIER, SETTINGS.maxTokenBytes(), null, HOLDER));
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** Input: the value of the {@code Authorization} header (UTF-8). */
  @FuzzTest
  @Timeout(10)
  void anAuthorizationHeaderAuthenticatesOnlyWithATokenSignedByTheKey(byte[] input)
      throws Exception {
    String value = new String(input, StandardCharsets.UTF_8);
    AllocationBudget.Outcome<FuzzRequest> o = BUDGET.run(input.length, () -> {
      FuzzRequest r = FuzzRequest.withHeaders(Map.of("Authorization", List.of(value)));
      FILTER.filter(r.context());
      return r;
    });
    assertThat(o.thrown()).isNull();
    FuzzRequest request = o.value();
    Object refused = request.properties().get(BearerAuthenticationFilter.REFUSED);
    if (request.securityContext() != null) {
      assertThat(refused).isNull();
      JsonWebToken jwt = (JsonWebToken) request.securityContext().getUserPrincipal();
      String token = value.substring("Bearer ".length()).trim();
      assertThat(jwt.getRawToken()).isEqualTo(token);
      assertSignedByTheKey(token, jwt);
    } else if (refused != null) {
      assertThat(((Problem) refused).status()).isEqualTo(401);
    } else {
      assertThat(value.regionMatches(true, 0, "Bearer ", 0, 7)).as("anonymous with %s", value)
          .isFalse();
    }
  }

  /**
   * Input: a JWS header as JSON, a line feed, and claims as JSON (no line feed: the claims, under
   * {@code {"alg":"HS256","typ":"JWT"}}); the test signs them with the key.
   */
  @FuzzTest
  @Timeout(10)
  void signedClaimsVerifyToThemselvesOrAreRefused(byte[] input) throws Exception {
    int newline = indexOf(input, (byte) '\n');
    byte[] header = newline < 0 ? "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)
        : java.util.Arrays.copyOfRange(input, 0, newline);
    byte[] claims = newline < 0 ? input : java.util.Arrays.copyOfRange(input, newline + 1,
        input.length);
    String signingInput = B64.encodeToString(header) + "." + B64.encodeToString(claims);
    String token = signingInput + "." + B64.encodeToString(hmac(signingInput));
    AllocationBudget.Outcome<JsonWebToken> o =
        BUDGET.run(input.length, () -> VERIFIER.verify(token).token());
    if (o.thrown() != null) {
      assertThat(o.thrown()).isInstanceOf(AuthenticationFailure.class);
      return;
    }
    assertSignedByTheKey(token, o.value());
  }

  /** What an accepted token must be, checked without the verifier's code. */
  private static void assertSignedByTheKey(String token, JsonWebToken jwt) throws Exception {
    String[] parts = token.split("\\.", -1);
    assertThat(parts).hasSize(3);
    for (String part : parts) {
      assertThat(B64.encodeToString(Base64.getUrlDecoder().decode(part))).isEqualTo(part);
    }
    assertThat(MessageDigest.isEqual(Base64.getUrlDecoder().decode(parts[2]),
        hmac(parts[0] + "." + parts[1]))).as("signed by the key").isTrue();
    Map<?, ?> header = JSON.readValue(Base64.getUrlDecoder().decode(parts[0]), Map.class);
    assertThat(header.get("alg")).isEqualTo("HS256");
    Map<?, ?> claims;
    try {
      claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
    } catch (java.io.IOException notStrictJson) {
      return; // signed by the key holder, read by jose4j's parser; nothing to compare with
    }
    assertThat(jwt.getSubject()).isEqualTo(claims.get("sub"));
    assertThat(jwt.getTokenID()).isEqualTo(claims.get("jti"));
    assertThat(jwt.getIssuer()).isEqualTo(Servers.ISSUER).isEqualTo(claims.get("iss"));
    assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(jwt.getExpirationTime());
    assertThat(((Number) claims.get("iat")).longValue()).isEqualTo(jwt.getIssuedAtTime());
    long now = NOW.getEpochSecond();
    long skew = SETTINGS.clockSkew().toSeconds();
    assertThat(jwt.getExpirationTime()).isGreaterThanOrEqualTo(now - skew);
    assertThat(jwt.getIssuedAtTime()).isLessThanOrEqualTo(now + skew);
    assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime())
        .isLessThanOrEqualTo(SETTINGS.maxTokenAge().toSeconds());
  }

  static byte[] hmac(String signingInput) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
  }

  private static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
