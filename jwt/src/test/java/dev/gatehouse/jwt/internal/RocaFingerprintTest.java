package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.support.Pem;
import dev.gatehouse.jwt.support.RocaVectors;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/** The discrete-logarithm ROCA test against the authors' vectors and keys built their way. */
class RocaFingerprintTest {

  private static final int[] SMALL_PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47,
      53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149,
      151, 157, 163, 167};

  @Test
  void theAffectedChipsModulusFromTheAuthorsTestsIsFingerprinted() {
    assertThat(RocaFingerprint.of(RocaVectors.VULNERABLE_2048)).isTrue();
  }

  @Test
  void aModulusBuiltTheWayTheFlawedGeneratorBuildsPrimesIsFingerprinted() {
    // p = k * M + (65537^a mod M), the form of the paper's §2.3, with real 1024-bit primes
    SecureRandom random = new SecureRandom();
    BigInteger m = BigInteger.ONE;
    for (int p : SMALL_PRIMES) {
      m = m.multiply(BigInteger.valueOf(p));
    }
    BigInteger n = flawedPrime(m, random).multiply(flawedPrime(m, random));
    assertThat(n.bitLength()).isBetween(2047, 2048);
    assertThat(RocaFingerprint.of(n)).isTrue();
  }

  private static BigInteger flawedPrime(BigInteger m, SecureRandom random) {
    BigInteger residue = BigInteger.valueOf(65537).modPow(new BigInteger(64, random), m);
    while (true) {
      BigInteger k = new BigInteger(1024 - m.bitLength(), random).setBit(1023 - m.bitLength());
      BigInteger p = k.multiply(m).add(residue);
      if (p.bitLength() == 1024 && p.isProbablePrime(64)) {
        return p;
      }
    }
  }

  @Test
  void moduliThatOnlyTheBitMaskTestFlagsAreNotFingerprinted() {
    for (BigInteger n : RocaVectors.LOOK_ALIKES) {
      assertThat(passesBitMaskTest(n)).isTrue();
      assertThat(RocaFingerprint.of(n)).isFalse();
    }
  }

  @Test
  void freshlyGeneratedKeysAreNotFingerprinted() {
    for (int i = 0; i < 3; i++) {
      RSAPublicKey key = (RSAPublicKey) Pem.rsa(2048).getPublic();
      assertThat(RocaFingerprint.of(key.getModulus())).isFalse();
    }
    assertThat(RocaFingerprint.of(BigInteger.valueOf(65537).pow(200))).isTrue();
    assertThat(RocaFingerprint.of(BigInteger.valueOf(65537).pow(200).add(BigInteger.TWO)))
        .isFalse();
  }

  /** The first published test: N mod p is a power of 65537 mod p, for every p from 3 to 167. */
  private static boolean passesBitMaskTest(BigInteger n) {
    for (int p : SMALL_PRIMES) {
      if (p == 2) {
        continue;
      }
      int residue = n.mod(BigInteger.valueOf(p)).intValue();
      boolean reached = false;
      for (int x = 1, i = 0; i < p; i++, x = (int) (x * 65537L % p)) {
        reached |= x == residue;
      }
      if (!reached) {
        return false;
      }
    }
    return true;
  }
}
