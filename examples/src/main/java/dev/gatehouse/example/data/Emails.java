package dev.gatehouse.example.data;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one spelling of an email address the service stores, compares and rate-limits by: so that
 * <code>&#92;u212Aate@example.com</code> (Kelvin sign), {@code ａlice} (fullwidth) and {@code alıce}
 * (dotless i) are the accounts {@code kate} and {@code alice}, not new ones that look the same.
 *
 * <ol>
 *   <li>NFKC (Unicode compatibility composition): fullwidth and other compatibility forms become
 *       their plain letters, the Kelvin sign becomes {@code K};
 *   <li>case folding: upper case, then lower case, with the root locale's full Unicode mappings
 *       ({@code ı} and {@code I} both become {@code i}, {@code ß} becomes {@code ss}), which is
 *       Unicode's default case folding for the letters addresses use — the JDK has no
 *       {@code foldCase}, and the example does not take ICU4J's 14 MB for one call;
 *   <li>NFKC again, since case mapping can leave text unnormalised ({@code İ} becomes
 *       {@code i} + U+0307).
 * </ol>
 *
 * Request records apply it in their constructors, so Bean Validation ({@code @Email},
 * {@code @Size}, {@code @SafeText}) judges the canonical form — the one that is stored.
 * Canonicalising removes nothing: zero-width and bidirectional characters survive it and are
 * refused by {@code @SafeText}.
 *
 * <pre>{@code
 * Emails.canonical(" Kate@Example.COM ")     // "kate@example.com"
 * Emails.canonical("\uFF41lice@example.com") // "alice@example.com" (fullwidth a)
 * }</pre>
 */
public final class Emails {

  private Emails() {
  }

  /** The canonical spelling; {@code null} stays {@code null}. */
  public static String canonical(String email) {
    if (email == null) {
      return null;
    }
    String compatible = Normalizer.normalize(email, Normalizer.Form.NFKC).strip();
    String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    return Normalizer.normalize(folded, Normalizer.Form.NFKC);
  }
}
