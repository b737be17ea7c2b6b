package dev.gatehouse.core.internal;

import dev.gatehouse.core.SafeText;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Locale;

/**
 * Validates {@link SafeText}: one pass over the code points, no regular expression, no
 * allocation unless a violation is reported. Messages name the kind of character and its code
 * point, never the text.
 */
public final class SafeTextValidator implements ConstraintValidator<SafeText, CharSequence> {

  private int max;
  private boolean multiline;
  private boolean allowMarkup;
  private boolean allowJoiners;
  private boolean customMessage;

  @Override
  public void initialize(SafeText annotation) {
    if (annotation.max() < 0) {
      throw new IllegalArgumentException("@SafeText(max = " + annotation.max() + "): max must"
          + " not be negative");
    }
    max = annotation.max();
    multiline = annotation.multiline();
    allowMarkup = annotation.allowMarkup();
    allowJoiners = annotation.allowJoiners();
    customMessage = !SafeText.DEFAULT_MESSAGE.equals(annotation.message());
  }

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    if (value.length() > max) {
      return refuse(context, "must be at most " + max + " characters long");
    }
    for (int i = 0; i < value.length(); ) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, value.charAt(i + 1));
        String problem = problem(cp);
        if (problem != null) {
          return refuse(context, problem);
        }
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        return refuse(context, "must be valid Unicode text (an unpaired surrogate)");
      }
      String problem = problem(c);
      if (problem != null) {
        return refuse(context, problem);
      }
      i++;
    }
    return true;
  }

  /** Why this code point is refused, naming it (never the text around it), or null. */
  private String problem(int cp) {
    if (cp < 0x20 || cp >= 0x7f && cp <= 0x9f) {
      if (multiline && (cp == '\t' || cp == '\n' || cp == '\r')) {
        return null;
      }
      return "must not contain control characters (" + codePoint(cp) + ")";
    }
    if (cp < 0x7f) {
      return !allowMarkup && (cp == '<' || cp == '>') ? "must not contain < or >" : null;
    }
    if (isBidi(cp)) {
      return "must not contain bidirectional formatting characters (" + codePoint(cp) + ")";
    }
    if (cp == 0x200c || cp == 0x200d) {
      return allowJoiners ? null : "must not contain invisible characters (" + codePoint(cp) + ")";
    }
    if (isNoncharacter(cp)) {
      return "must not contain noncharacters (" + codePoint(cp) + ")";
    }
    if (isInvisible(cp)) {
      return "must not contain invisible characters (" + codePoint(cp) + ")";
    }
    return null;
  }

  static boolean isBidi(int cp) {
    return cp >= 0x202a && cp <= 0x202e || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200e
        || cp == 0x200f || cp == 0x061c;
  }

  static boolean isNoncharacter(int cp) {
    return cp >= 0xfdd0 && cp <= 0xfdef || (cp & 0xfffe) == 0xfffe;
  }

  /** Format characters (Cf) but the visible Arabic number signs; blank letters and separators. */
  static boolean isInvisible(int cp) {
    if (cp >= 0x0600 && cp <= 0x0605 || cp == 0x06dd || cp == 0x070f || cp == 0x08e2
        || cp == 0x110bd || cp == 0x110cd) {
      return false; // prepended concatenation marks: they render, above or before digits
    }
    if (Character.getType(cp) == Character.FORMAT) {
      return true;
    }
    return switch (cp) {
      // line and paragraph separators, combining grapheme joiner, Hangul fillers, Khmer
      // inherent vowels, Mongolian vowel separator (Cf only in recent Unicode versions)
      case 0x2028, 0x2029, 0x034f, 0x115f, 0x1160, 0x3164, 0xffa0, 0x17b4, 0x17b5, 0x180e -> true;
      default -> false;
    };
  }

  private static String codePoint(int cp) {
    return "U+" + String.format(Locale.ROOT, "%04X", cp);
  }

  private boolean refuse(ConstraintValidatorContext context, String message) {
    if (!customMessage) {
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
    }
    return false;
  }
}
