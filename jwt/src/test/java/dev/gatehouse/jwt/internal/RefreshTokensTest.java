package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {

  private final RefreshTokens tokens = new RefreshTokens();

  /**
   * A grace successor sealed while the key was derived with Bouncy Castle's HKDF (before
   * gatehouse-passwords took Bouncy Castle out of this module): a store may hold one across the
   * upgrade, and the client's retry with the presented token must still get it.
   */
  @Test
  void aSuccessorSealedBeforeTheMoveToTheJdksHkdfStillOpensWithItsToken() {
    RefreshTokens.Parsed presented = tokens.parse(
        "AAECAwQFBgcICQoLDA0ODwAAAAQUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMw").orElseThrow();
    String successor = "AAECAwQFBgcICQoLDA0ODwAAAAW0s7KxsK-urayrqqmop6alpKOioaCfnp2cm5qZmJeWlQ";
    byte[] sealedByBouncyCastle = HexFormat.of().parseHex("54c0fde2ab931bd57357ebeace374f14d34ce062"
        + "83fcda82f5a7934124a928ced6b100c969f0935f2f2308b3680038396fa29d927e7abbf5da9c406eb7cb119c"
        + "b318c512fe8e2f31d6b9702dc9bfcb62");

    assertThat(tokens.unseal(sealedByBouncyCastle, presented)).map(RefreshTokens.Parsed::token)
        .contains(successor);
  }

  @Test
  void aSealedSuccessorOpensWithThePresentedTokenOnly() {
    RefreshTokens.Parsed presented = tokens.newFamily();
    RefreshTokens.Parsed successor = tokens.successor(presented);
    byte[] sealed = tokens.seal(successor, presented);

    assertThat(tokens.unseal(sealed, presented)).map(RefreshTokens.Parsed::token)
        .contains(successor.token());
    assertThat(tokens.unseal(sealed, successor)).isEmpty();
    assertThat(tokens.unseal(sealed, tokens.newFamily())).isEmpty();
  }
}
