package dev.gatehouse.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** The YAML subset that holds configuration keys, flattened as SmallRye Config's YAML source does. */
class PackagedYamlTest {

  @Test
  void nestedKeysAreJoinedWithDotsAtAnyIndentation() {
    assertThat(PackagedYaml.read("""
        gatehouse:
            jwt:
                issuer: https://id.example.com   # a comment
                secret: s3cret
        quarkus:
          http:
            port: 8080
        """)).containsExactly(entry("gatehouse.jwt.issuer", "https://id.example.com"),
        entry("gatehouse.jwt.secret", "s3cret"), entry("quarkus.http.port", "8080"));
  }

  @Test
  void aQuotedProfileKeyPrefixesEverythingUnderIt() {
    assertThat(PackagedYaml.read("""
        "%prod":
          gatehouse:
            jwt:
              secret: 'it''s'
        '%dev':
          gatehouse.jwt.secret: "dev\\"only"
        gatehouse.redis.url: redis://cache:6379
        """)).containsExactly(entry("%prod.gatehouse.jwt.secret", "it's"),
        entry("%dev.gatehouse.jwt.secret", "dev\"only"),
        entry("gatehouse.redis.url", "redis://cache:6379"));
  }

  @Test
  void aBlockScalarIsOneValueAsAPemKeyIsWritten() {
    assertThat(PackagedYaml.read("""
        gatehouse:
          jwt:
            sign-key: |
              -----BEGIN PRIVATE KEY-----
              MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
              -----END PRIVATE KEY-----
            algorithm: RS256
        """)).containsExactly(entry("gatehouse.jwt.sign-key", "-----BEGIN PRIVATE KEY-----\n"
        + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"),
        entry("gatehouse.jwt.algorithm", "RS256"));
  }

  @Test
  void sequencesCommentsAndDocumentMarkersHoldNoKeys() {
    assertThat(PackagedYaml.read("""
        %YAML 1.2
        ---
        # gatehouse:
        #   jwt:
        #     secret: commented-out
        quarkus:
          datasource:
            - name: one
              password: not-a-gatehouse-key
          log: info
        ---
        gatehouse:
          jwt:
            secret: ${JWT_SECRET}
        """)).containsExactly(entry("quarkus.log", "info"),
        entry("gatehouse.jwt.secret", "${JWT_SECRET}"));
  }

  @Test
  void aUrlWithColonsIsOneValueAndAColonInsideAKeyIsPartOfIt() {
    assertThat(PackagedYaml.read("""
        gatehouse:
          redis:
            url: "redis://:hunter2@cache:6379"
            sentinels: s1:26379,s2:26379
        """)).containsExactly(entry("gatehouse.redis.url", "redis://:hunter2@cache:6379"),
        entry("gatehouse.redis.sentinels", "s1:26379,s2:26379"));
  }
}
