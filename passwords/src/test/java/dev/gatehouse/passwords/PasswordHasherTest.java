package dev.gatehouse.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashesAreSaltedPhcStringsWithOwaspParameters() {
    String a = hasher.hash("correct horse battery staple");
    String b = hasher.hash("correct horse battery staple");
    assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
    assertThat(hasher.needsRehash(a)).isFalse();
  }

  @Test
  void verifiesTheRightPasswordOnly() {
    String stored = hasher.hash("correct horse battery staple");
    assertThat(hasher.verify(stored, "correct horse battery staple")).isTrue();
    assertThat(hasher.verify(stored, "correct horse battery stapl")).isFalse();
    assertThat(hasher.verify(stored, "")).isFalse();
  }

  @Test
  void anUnknownUserOrAMalformedHashIsFalseNotAnError() {
    assertThat(hasher.verify(null, "whatever password")).isFalse();
    assertThat(hasher.verify("plaintext", "plaintext")).isFalse();
    assertThat(hasher.verify("$argon2id$v=19$m=999999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "x")).isFalse();
    assertThat(hasher.verify(hasher.hash("x"), null)).isFalse();
    assertThat(hasher.verify(hasher.hash("x"), "y".repeat(5000))).isFalse();
  }

  @Test
  void weakerOldHashesVerifyAndAskForARehash() {
    String old = "$argon2id$v=19$m=4096,t=1,p=1$" + "c2FsdHNhbHRzYWx0c2FsdA"
        + "$" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThat(hasher.needsRehash(old)).isTrue();
    assertThat(hasher.needsRehash(null)).isTrue();
  }

  @Test
  void refusesToHashNothingOrAbsurdLengths() {
    assertThatThrownBy(() -> hasher.hash("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hasher.hash("x".repeat(1025)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
