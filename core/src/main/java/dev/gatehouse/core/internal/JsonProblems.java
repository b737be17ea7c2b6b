package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
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
 * words chosen here: Jackson's own messages quote the rejected input and are never sent, and are
 * not read either — the failure is told by its type ({@link JsonRuleException} for what
 * {@link StrictParser} refuses, Jackson's {@code exc} subclasses) and by where the parser stood.
 */
final class JsonProblems {

  /** The most names and indexes a field path repeats back. */
  private static final int MAX_PATH_PARTS = 32;

  private JsonProblems() {
  }

  static Problem of(JsonProcessingException e) {
    String field = path(e);
    String rule;
    String reason;
    // Jackson wraps what the parser throws inside a collection or a creator: look inside
    JsonRuleException broken = StrictJsonInterceptor.find(e, JsonRuleException.class);
    if (broken != null) {
      reason = broken.reason;
      rule = broken.rule;
      // where the parser stood, not where Jackson's binding had got to: inside a nested value
      field = broken.field != null ? broken.field : path(broken);
    } else if (StrictJsonInterceptor.find(e, StreamConstraintsException.class) != null) {
      // met outside Gatehouse's parser (which names the limit): only the type is known
      reason = "json_too_large";
      rule = "is nested deeper or has a number, string or name longer than allowed";
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
      JsonParser p = m.getProcessor() instanceof JsonParser parser ? parser : null;
      JsonToken at = p == null ? null : p.currentToken();
      if (p != null && pastTheRootValue(p)) {
        // FAIL_ON_TRAILING_TOKENS: the parser had moved on to a second value
        reason = "json_trailing_data";
        rule = "must be followed by nothing after the JSON value";
      } else if (at == JsonToken.VALUE_NULL) {
        // FAIL_ON_NULL_FOR_PRIMITIVES, or null where the target takes none
        reason = "json_null";
        rule = "must not be null";
      } else if (p != null && at == null) {
        reason = "json_empty";
        rule = "must be a JSON value; the body is empty";
      } else {
        reason = "json_type";
        rule = "must be " + expected(m.getTargetType());
      }
    } else if (e instanceof DatabindException) {
      reason = "json_mapping";
      rule = "cannot be read as the expected type";
    } else if (e instanceof JsonEOFException) {
      reason = "json_incomplete";
      rule = "ends before the JSON value is complete";
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

  /** Whether {@code p} stands in a value after the first at the top level of the body. */
  private static boolean pastTheRootValue(JsonParser p) {
    JsonStreamContext c = p.getParsingContext();
    while (c.getParent() != null) {
      c = c.getParent();
    }
    return c.getCurrentIndex() > 0;
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
    if (parts.size() > MAX_PATH_PARTS) {
      // a body nested past the limit would otherwise be answered with a path as deep as it
      return "$" + String.join("", parts.subList(0, MAX_PATH_PARTS)) + "…";
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
