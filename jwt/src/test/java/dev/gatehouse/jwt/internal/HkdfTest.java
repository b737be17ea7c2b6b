package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void givesRfc5869TestCase3WhichHasNoSaltAndNoInfo() {
    byte[] ikm = new byte[22];
    Arrays.fill(ikm, (byte) 0x0b);
    assertThat(HEX.formatHex(Hkdf.sha256(ikm, new byte[0], 42))).isEqualTo(
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void aShorterOutputIsThePrefixOfALongerOne() {
    byte[] ikm = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    byte[] info = "gatehouse refresh-token grace v1".getBytes(StandardCharsets.US_ASCII);
    assertThat(Hkdf.sha256(ikm, info, 32)).isEqualTo(Arrays.copyOf(Hkdf.sha256(ikm, info, 80), 32));
  }

  @Test
  void refusesLengthsRfc5869DoesNotDefine() {
    assertThatThrownBy(() -> Hkdf.sha256(new byte[32], new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hkdf.sha256(new byte[32], new byte[0], 255 * 32 + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
