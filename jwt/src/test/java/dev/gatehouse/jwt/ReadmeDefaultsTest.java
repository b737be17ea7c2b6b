package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.support.ReadmeTable;
import dev.gatehouse.core.support.ReadmeTable.Words;
import dev.gatehouse.jwt.support.Servers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's defaults of {@code gatehouse.jwt.*}. */
class ReadmeDefaultsTest {

  @Test
  void theReadmeStatesTheDefaultsTheSettingsFallBackTo() {
    JwtSettings s = JwtSettings.fromConfig(ReadmeTable.config(JwtSettings.ISSUER, Servers.ISSUER,
        JwtSettings.AUDIENCE, Servers.AUDIENCE, "gatehouse.jwt.secret", Servers.secret(32)));
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(JwtSettings.ISSUER, new Words("required (unless `oidc-issuer`)"));
    defaults.put(JwtSettings.AUDIENCE, new Words("required"));
    defaults.put(JwtSettings.OIDC_ISSUER, s.oidcIssuer());
    defaults.put(TokenClaims.ROLES_CLAIMS, new Words("`groups`"));
    defaults.put(TokenClaims.SCOPES_CLAIMS, new Words("`scope, scp`"));
    defaults.put(TokenClaims.AUDIENCE_CLAIM, s.claims().audienceClaim());
    defaults.put(TokenClaims.AUTHORIZED_PARTIES, Optional.empty());
    defaults.put(TokenClaims.REQUIRE_JTI, s.claims().requireJti());
    defaults.put(TokenClaims.TOKEN_TYPES, new Words("`JWT, at+jwt`"));
    defaults.put(JwtSettings.ALGORITHM, "HS256"); // no constant: JwtSettings reads it with this
    defaults.put("gatehouse.jwt.secret", Optional.empty());
    defaults.put("gatehouse.jwt.secret-file", Optional.empty());
    defaults.put("gatehouse.jwt.key-id", new Words("derived"));
    defaults.put("gatehouse.jwt.sign-key", Optional.empty());
    defaults.put("gatehouse.jwt.sign-key-file", Optional.empty());
    defaults.put("gatehouse.jwt.sign-key-id", new Words("the only verify key's `kid`"));
    defaults.put("gatehouse.jwt.verify-keys", Optional.empty());
    defaults.put("gatehouse.jwt.verify-keys-file", Optional.empty());
    defaults.put(JwtSettings.VERIFY_KEYS_URL, s.verificationKeysUrl());
    defaults.put(JwtSettings.VERIFY_KEYS_URL_TIMEOUT, s.verificationKeysUrlTimeout());
    defaults.put(JwtSettings.UNKNOWN_KID_REFETCH, s.unknownKidRefetchInterval());
    defaults.put(JwtSettings.ACCESS_TTL, s.accessTokenTtl());
    defaults.put(JwtSettings.MAX_TOKEN_AGE, new Words("the access-token TTL"));
    defaults.put(JwtSettings.CLOCK_SKEW, s.clockSkew());
    defaults.put(JwtSettings.MAX_TOKEN_BYTES, s.maxTokenBytes());
    defaults.put(JwtSettings.COOKIE, s.cookie());
    defaults.put(JwtSettings.REFRESH_TTL, s.refreshTokenTtl());
    defaults.put(JwtSettings.FAMILY_MAX_AGE, s.refreshFamilyMaxAge());
    defaults.put(JwtSettings.REUSE_GRACE, s.reuseGrace());
    defaults.put(JwtSettings.DENYLIST_FAILURE, s.allowOnDenyListFailure() ? "allow" : "deny");
    defaults.put(JwtSettings.MAX_FAMILIES, s.maxFamilies());
    defaults.put(JwtSettings.KEY_REFRESH_INTERVAL, s.keyRefreshInterval());
    ReadmeTable.read().assertDefaults(List.of("gatehouse.jwt."), defaults);
    // what the words say
    assertThat(s.maxTokenAge()).isEqualTo(s.accessTokenTtl());
    assertThat(s.claims().rolesClaims()).containsExactly("groups");
    assertThat(s.claims().scopesClaims()).containsExactly("scope", "scp");
    assertThat(s.claims().authorizedParties()).isEmpty();
    assertThat(s.claims().tokenTypes()).containsExactlyInAnyOrder("JWT", "at+jwt");
  }
}
