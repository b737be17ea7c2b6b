package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.support.AllocationBudget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Presented refresh tokens of any text through {@link RefreshTokens#parse}, and any bytes as a
 * sealed grace successor through {@link RefreshTokens#unseal} — what {@code /auth/refresh} does
 * with a caller's token and with what a store hands back.
 *
 * <p>Invariant: a parse is a token or empty, an unseal empty for bytes that were not sealed for
 * the token — never an exception, never a hang (10 s per input). A parsed token is its text's one
 * canonical base64url spelling of 52 bytes, its generation below the last, its family id and hash
 * those of its bytes. One input allocates at most 32 KiB + 64 bytes per input byte (fuzzing
 * measured 13 KB for 70 bytes, 43 bytes per byte of long inputs).
 */
class RefreshTokensFuzzTest {

  private static final AllocationBudget BUDGET = new AllocationBudget(32 * 1024, 64);
  private static final RefreshTokens TOKENS = new RefreshTokens();
  private static final RefreshTokens.Parsed PRESENTED = TOKENS.newFamily();

  @FuzzTest
  @Timeout(10)
  void aPresentedRefreshTokenParsesOnlyInItsCanonicalForm(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    AllocationBudget.Outcome<Optional<RefreshTokens.Parsed>> o =
        BUDGET.run(input.length, () -> TOKENS.parse(text));
    assertThat(o.thrown()).isNull();
    o.value().ifPresent(p -> {
      byte[] bytes = Base64.getUrlDecoder().decode(text);
      assertThat(p.token()).isEqualTo(text);
      assertThat(bytes).hasSize(RefreshTokens.TOKEN_BYTES).isEqualTo(p.bytes());
      assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isEqualTo(text);
      assertThat(p.generation()).isBetween(0L, RefreshTokens.LAST_GENERATION - 1);
      assertThat(p.family()).isEqualTo(
          RefreshTokens.familyId(Arrays.copyOf(bytes, RefreshTokens.FAMILY_BYTES)));
      assertThat(p.hash()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
          .encodeToString(sha256(bytes)));
    });
    AllocationBudget.Outcome<Optional<RefreshTokens.Parsed>> unsealed =
        BUDGET.run(input.length, () -> TOKENS.unseal(input, PRESENTED));
    assertThat(unsealed.thrown()).isNull();
    assertThat(unsealed.value()).as("bytes nobody sealed open to nothing").isEmpty();
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
