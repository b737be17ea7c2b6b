package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.SecurityEventType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a Jackson failure into a 400 problem that names the field path and the rule broken, in
 * words chosen here: Jackson's own messages quote the rejected input and are never sent.
 */
final class JsonProblems {

  private JsonProblems() {
  }

  static Problem of(JsonProcessingException e) {
    String field = path(e);
    String rule;
    String reason;
    // Jackson wraps what the parser throws inside a collection or a creator: look inside
    JsonRuleException broken = StrictJsonInterceptor.find(e, JsonRuleException.class);
    StreamConstraintsException limit = StrictJsonInterceptor.find(e,
        StreamConstraintsException.class);
    if (broken != null) {
      reason = broken.reason;
      rule = broken.rule;
      field = broken.field != null ? broken.field : field;
    } else if (limit != null) {
      String m = String.valueOf(limit.getOriginalMessage());
      reason = m.contains("nesting") ? "json_too_deep" : m.contains("Number") ? "json_number_too_long"
          : m.contains("Name") ? "json_name_too_long" : "json_string_too_long";
      rule = switch (reason) {
        case "json_too_deep" -> "nests arrays or objects deeper than allowed";
        case "json_number_too_long" -> "has a number with more digits than allowed";
        case "json_name_too_long" -> "has a field name longer than allowed";
        default -> "has a string longer than allowed";
      };
    } else if (e instanceof UnrecognizedPropertyException) {
      reason = "json_unknown_field";
      rule = "is not a known field";
    } else if (e instanceof InvalidNullException) {
      reason = "json_null";
      rule = "must not be null";
    } else if (e instanceof InvalidTypeIdException) {
      reason = "json_type_id";
      rule = "has an unknown or missing type id";
    } else if (e instanceof InvalidFormatException f) {
      reason = "json_format";
      rule = "must be " + expected(f.getTargetType());
    } else if (e instanceof MismatchedInputException m) {
      String original = String.valueOf(m.getOriginalMessage());
      if (original.startsWith("Trailing token")) {
        reason = "json_trailing_data";
        rule = "must be followed by nothing after the JSON value";
      } else if (original.startsWith("Cannot map `null`")) {
        reason = "json_null";
        rule = "must not be null";
      } else if (original.startsWith("No content")) {
        reason = "json_empty";
        rule = "must be a JSON value; the body is empty";
      } else {
        reason = "json_type";
        rule = "must be " + expected(m.getTargetType());
      }
    } else if (e instanceof DatabindException) {
      reason = "json_mapping";
      rule = "cannot be read as the expected type";
    } else if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
      reason = "json_duplicate_field";
      rule = "appears more than once";
    } else {
      reason = "json_syntax";
      rule = "is not well-formed JSON (RFC 8259)";
    }
    return Problem.of(400)
        .detail("The request body is not acceptable JSON.")
        .with("errors", List.of(Map.of("field", field, "message", rule)))
        .event(SecurityEventType.VALIDATION_FAILED, reason);
  }

  /** Bytes that are not UTF-8: malformed, overlong, encoded surrogates, UTF-16 or UTF-32. */
  static Problem notUtf8() {
    return Problem.of(400)
        .detail("The request body is not acceptable JSON.")
        .with("errors", List.of(Map.of("field", "$", "message",
            "must be UTF-8 text (RFC 8259 §8.1); the body holds bytes that are not valid UTF-8")))
        .event(SecurityEventType.VALIDATION_FAILED, "json_not_utf8");
  }

  /** {@code $}, {@code $.address.street}, {@code $.items[2].name}. */
  static String path(JsonProcessingException e) {
    List<String> parts = new ArrayList<>();
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      for (JsonMappingException.Reference r : m.getPath()) {
        parts.add(r.getFieldName() != null ? "." + safeName(r.getFieldName())
            : r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "");
      }
    } else if (e.getProcessor() instanceof JsonParser p) {
      List<String> reversed = new ArrayList<>();
      for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inObject() && c.getCurrentName() != null) {
          reversed.add("." + safeName(c.getCurrentName()));
        } else if (c.inArray()) {
          reversed.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
        }
      }
      for (int i = reversed.size() - 1; i >= 0; i--) {
        parts.add(reversed.get(i));
      }
    }
    return "$" + String.join("", parts);
  }

  /** Field names are caller text: only plain ones are repeated back. */
  private static String safeName(String name) {
    return name.length() <= 64 && name.matches("[A-Za-z0-9_\\-]+") ? name : "<field>";
  }

  private static String expected(Class<?> t) {
    if (t == null) {
      return "of the expected type";
    }
    if (CharSequence.class.isAssignableFrom(t) || t == char.class || t == Character.class
        || t.isEnum()) {
      return t.isEnum() ? "one of the allowed values" : "a string";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "true or false";
    }
    if (t == int.class || t == long.class || t == short.class || t == byte.class
        || t == Integer.class || t == Long.class || t == Short.class || t == Byte.class
        || t == java.math.BigInteger.class) {
      return "an integer";
    }
    if (t.isPrimitive() || Number.class.isAssignableFrom(t)) {
      return "a number";
    }
    if (t.isArray() || Collection.class.isAssignableFrom(t)) {
      return "an array";
    }
    return "an object";
  }
}
