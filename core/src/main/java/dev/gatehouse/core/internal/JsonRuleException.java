package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * A JSON body broke one of Gatehouse's own reading rules (text, element count, unique names) or
 * a stream limit, named by {@link StrictParser}. A
 * {@link JsonParseException}, so it travels through Jackson like its own parse errors; its
 * {@link #reason} and {@link #rule} are what the 400 problem says, in words chosen here.
 */
final class JsonRuleException extends JsonParseException {

  private static final long serialVersionUID = 1L;

  /** The security event's reason code, e.g. {@code json_control_character}. */
  final String reason;
  /** What the field must be, e.g. {@code must not contain control characters}. */
  final String rule;
  /** The field to name instead of the parser's position, or null. */
  final String field;

  JsonRuleException(JsonParser parser, String reason, String rule, String field) {
    this(parser, reason, rule, field, null);
  }

  /** @param cause Jackson's exception for the same failure, when there is one */
  JsonRuleException(JsonParser parser, String reason, String rule, String field,
      Throwable cause) {
    super(parser, reason, cause);
    this.reason = reason;
    this.rule = rule;
    this.field = field;
  }
}
