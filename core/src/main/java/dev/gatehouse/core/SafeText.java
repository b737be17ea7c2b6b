package dev.gatehouse.core;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.gatehouse.core.internal.SafeTextValidator;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text that people will see — a display name, a title, a label: it must not hide or disguise
 * anything. A Bean Validation constraint on {@code CharSequence} values ({@code null} is valid;
 * combine with {@code @NotBlank} where a value is required). By default it refuses:
 * <ul>
 *   <li>control characters: C0 ({@code U+0000}–{@code U+001F}), {@code DEL} and C1
 *       ({@code U+0080}–{@code U+009F}) — tab, line feed and carriage return only with
 *       {@link #multiline()};
 *   <li>bidirectional formatting: the embeddings, overrides and isolates
 *       ({@code U+202A}–{@code U+202E}, {@code U+2066}–{@code U+2069}) and the marks
 *       ({@code U+200E}, {@code U+200F}, {@code U+061C}), which reorder how the text around them is
 *       shown ("Trojan Source", CVE-2021-42574);
 *   <li>invisible characters: zero-width space ({@code U+200B}), word joiner, {@code U+FEFF},
 *       soft hyphen, every other format character (Unicode category Cf, tag characters included),
 *       line and paragraph separators, the Hangul fillers and the combining grapheme joiner — so
 *       <code>"alice&#92;u200b"</code> cannot pose as {@code "alice"}; the zero-width joiners
 *       {@code U+200C} and {@code U+200D} only with {@link #allowJoiners()};
 *   <li>unpaired surrogates and noncharacters ({@code U+FDD0}–{@code U+FDEF},
 *       {@code U+xxFFFE}, {@code U+xxFFFF});
 *   <li>the markup characters {@code <} and {@code >}, unless {@link #allowMarkup()}.
 * </ul>
 *
 * <p>Why these defaults: the fields this is meant for are single-line names and labels that other
 * people's screens render; none of them needs a control character, a hidden character, a
 * direction override or an angle bracket, and each of those has been used to spoof or inject.
 * Refusing {@code <} and {@code >} is defence in depth — encoding output stays the fix for XSS —
 * and costs such fields nothing; free text such as a note's body opts in with
 * {@code allowMarkup = true, multiline = true}. The zero-width joiners are refused unless allowed
 * because Latin names never need them, while Persian, Arabic and Indic names and emoji sequences
 * do: a service with such users sets {@code allowJoiners = true}. Arabic number signs (the
 * prepended concatenation marks such as {@code U+0600}) are visible and always accepted.
 *
 * <p>{@link #max()} bounds the length in UTF-16 units like {@code @Size(max)}, so
 * {@code @SafeText(max = 100)} alone satisfies the endpoint lint's {@code bounded-input} rule.
 *
 * <pre>{@code
 * public record ProfileUpdate(
 *     @NotBlank @SafeText(max = 100) String displayName,
 *     @SafeText(max = 2000, multiline = true, allowMarkup = true, allowJoiners = true)
 *     String bio) {
 * }
 * }</pre>
 */
@Documented
@Constraint(validatedBy = SafeTextValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface SafeText {

  /** The default message; the validator then says which kind of character it found. */
  String DEFAULT_MESSAGE = "must be plain visible text";

  /**
   * The message; by default one naming the kind of character refused and its code point, e.g.
   * {@code must not contain bidirectional formatting characters (U+202E)} — never the text.
   */
  String message() default DEFAULT_MESSAGE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The longest value in UTF-16 units, like {@code @Size(max)}; unbounded by default. */
  int max() default Integer.MAX_VALUE;

  /** Accept tab, line feed and carriage return (multi-line text); default false. */
  boolean multiline() default false;

  /** Accept {@code <} and {@code >}; default false. */
  boolean allowMarkup() default false;

  /** Accept the zero-width non-joiner and joiner, {@code U+200C} and {@code U+200D}. */
  boolean allowJoiners() default false;
}
