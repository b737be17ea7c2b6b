package dev.gatehouse.jwt.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An identity provider's signing key as a test generates it: an RSA 2048 pair, a self-signed
 * certificate for it (what {@code x5c} carries, never a certificate of the real provider) and the
 * {@code kid} it is published under. Test code only.
 *
 * <pre>{@code
 * ProviderKey key = ProviderKey.generate("login.microsoftonline.com", null); // kid = x5t
 * String jwks = ProviderFixtures.entraJwks(key);
 * }</pre>
 *
 * @param pair the key pair; the private half signs the fixtures' tokens
 * @param certificate the self-signed certificate of the public half
 * @param kid the key id the provider publishes
 */
public record ProviderKey(KeyPair pair, X509Certificate certificate, String kid) {

  /**
   * A new key with a certificate for {@code CN=subject}; a null {@code kid} makes the kid the
   * certificate's SHA-1 thumbprint, as Entra ID publishes its keys.
   */
  public static ProviderKey generate(String subject, String kid) {
    KeyPair pair = Pem.rsa(2048);
    X509Certificate cert = selfSigned(pair, subject);
    return new ProviderKey(pair, cert, kid != null ? kid : thumbprint(cert, "SHA-1"));
  }

  public PrivateKey privateKey() {
    return pair.getPrivate();
  }

  /** {@code x5t}: base64url of the SHA-1 of the DER certificate (RFC 7517 §4.8). */
  public String x5t() {
    return thumbprint(certificate, "SHA-1");
  }

  /** One {@code x5c} entry: base64 — not base64url — of the DER certificate (RFC 7517 §4.7). */
  public String x5c() {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The RSA modulus, base64url without leading zero bytes (RFC 7518 §6.3.1.1). */
  public String n() {
    return unsigned(((RSAPublicKey) pair.getPublic()).getModulus());
  }

  /** The RSA public exponent, base64url ({@code AQAB} for 65537). */
  public String e() {
    return unsigned(((RSAPublicKey) pair.getPublic()).getPublicExponent());
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    byte[] out = new byte[bytes.length - skip];
    System.arraycopy(bytes, skip, out, 0, out.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  private static String thumbprint(X509Certificate cert, String digest) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance(digest).digest(cert.getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate selfSigned(KeyPair pair, String subject) {
    try {
      X500Name name = new X500Name("CN=" + subject);
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
