package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Jackson's parser with Gatehouse's rules on top, checked token by token as the body is read:
 * <ul>
 *   <li>strings and field names hold no unpaired UTF-16 surrogate, raw or escaped
 *       (<code>"&#92;ud800"</code>) — I-JSON, RFC 7493 §2.1;
 *   <li>strings and field names hold no C0 control character other than tab, line feed and
 *       carriage return, unless the settings allow them (<code>"&#92;u0000"</code> is valid
 *       JSON, but a NUL breaks C strings and PostgreSQL text);
 *   <li>a top-level array has at most {@code maxElements} elements: the one past the limit is
 *       refused before it is parsed, so an oversized list is never built;
 *   <li>no object names a field twice (RFC 8259 §4 leaves duplicates to the reader; two readers
 *       taking different ones is a way around validation). Checked here rather than by Jackson's
 *       {@code STRICT_DUPLICATE_DETECTION}, whose error is a plain parse error that only its
 *       message tells apart from a syntax error.
 * </ul>
 * Every refusal is a {@link JsonRuleException} naming its rule, and so is a stream limit of the
 * factory ({@code StreamReadConstraints}: nesting depth, number, string and name length), which
 * Jackson's {@link StreamConstraintsException} reports without saying which: a string's length is
 * checked here as its token is read, the others are told by where the parser stood.
 *
 * <p>Every token passes through {@link #nextToken()}: {@link #nextValue()} and
 * {@link #skipChildren()} are re-routed through it rather than going to the delegate directly.
 */
final class StrictParser extends JsonParserDelegate {

  private final boolean allowControlCharacters;
  private final int maxElements;
  private final boolean refuseDuplicates;
  private int elements;
  /** The names of each open object by nesting depth; null until the object has a field. */
  private final List<Set<String>> names = new ArrayList<>();

  /**
   * @param maxElements the most elements a top-level array may have, or -1 for no limit
   */
  StrictParser(JsonParser parser, boolean allowControlCharacters, int maxElements) {
    this(parser, allowControlCharacters, maxElements, true);
  }

  /**
   * @param refuseDuplicates false only for {@link LenientJson}'s reading, which takes the last
   */
  StrictParser(JsonParser parser, boolean allowControlCharacters, int maxElements,
      boolean refuseDuplicates) {
    super(parser);
    this.allowControlCharacters = allowControlCharacters;
    this.maxElements = maxElements;
    this.refuseDuplicates = refuseDuplicates;
    parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // checked in nextToken
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t;
    try {
      t = delegate.nextToken();
    } catch (StreamConstraintsException e) {
      throw tokenTooLarge(e);
    }
    if (t == null) {
      return null;
    }
    if (t == JsonToken.START_OBJECT) {
      openObject();
    } else if (t == JsonToken.FIELD_NAME) {
      String name = delegate.currentName();
      checkText(name.toCharArray(), 0, name.length());
      if (refuseDuplicates) {
        checkUnique(name);
      }
    } else if (t == JsonToken.VALUE_STRING) {
      char[] text;
      try {
        text = delegate.getTextCharacters(); // decodes the string: Jackson reads them lazily
      } catch (StreamConstraintsException e) {
        throw stringTooLong(e); // a long one, while it was read
      }
      int length = delegate.getTextLength();
      if (length > delegate.streamReadConstraints().getMaxStringLength()) {
        throw stringTooLong(null); // Jackson would tell when the String is made, by message only
      }
      checkText(text, delegate.getTextOffset(), length);
    }
    if (maxElements >= 0 && !t.isStructEnd() && t != JsonToken.FIELD_NAME && topLevelElement(t)
        && ++elements > maxElements) {
      throw new JsonRuleException(this, "json_too_many_elements",
          "must have at most " + maxElements + " elements", "$");
    }
    return t;
  }

  /** Whether the value just started is an element of the top-level array. */
  private boolean topLevelElement(JsonToken t) {
    JsonStreamContext c = delegate.getParsingContext();
    JsonStreamContext container = t.isStructStart() ? c.getParent() : c;
    return container != null && container.inArray() && container.getParent() != null
        && container.getParent().inRoot();
  }

  /**
   * Which limit a token broke, from where the parser stood: a new object or array past the
   * deepest nesting allowed; in an object, a name not yet read (Jackson reads a member's value
   * with its name, after making the name current); else a number (strings are decoded, and their
   * limit met, after their token is read).
   */
  private JsonRuleException tokenTooLarge(StreamConstraintsException e) {
    JsonStreamContext c = delegate.getParsingContext();
    if (c.getNestingDepth() > delegate.streamReadConstraints().getMaxNestingDepth()) {
      return new JsonRuleException(this, "json_too_deep",
          "nests arrays or objects deeper than allowed", null, e);
    }
    if (c.inObject() && delegate.currentToken() != JsonToken.FIELD_NAME) {
      return new JsonRuleException(this, "json_name_too_long",
          "has a field name longer than allowed", null, e);
    }
    return new JsonRuleException(this, "json_number_too_long",
        "has a number with more digits than allowed", null, e);
  }

  private JsonRuleException stringTooLong(StreamConstraintsException cause) {
    return new JsonRuleException(this, "json_string_too_long", "has a string longer than allowed",
        null, cause);
  }

  private void openObject() {
    int depth = delegate.getParsingContext().getNestingDepth();
    while (names.size() <= depth) {
      names.add(null);
    }
    names.set(depth, null);
  }

  private void checkUnique(String name) throws JsonRuleException {
    int depth = delegate.getParsingContext().getNestingDepth();
    Set<String> seen = names.get(depth);
    if (seen == null) {
      seen = new HashSet<>();
      names.set(depth, seen);
    }
    if (!seen.add(name)) {
      throw new JsonRuleException(this, "json_duplicate_field", "appears more than once", null);
    }
  }

  private void checkText(char[] text, int offset, int length) throws JsonRuleException {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      char c = text[i];
      if (c < 0x20) {
        if (!allowControlCharacters && c != '\t' && c != '\n' && c != '\r') {
          throw new JsonRuleException(this, "json_control_character",
              "must not contain control characters (U+0000 to U+001F other than tab, line feed"
                  + " and carriage return)", null);
        }
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
          i++;
        } else {
          throw new JsonRuleException(this, "json_unpaired_surrogate",
              "must be valid Unicode text: it contains an unpaired surrogate", null);
        }
      }
    }
  }

  // JsonParser's own definition, so that both tokens pass through nextToken()
  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken t = nextToken();
    return t == JsonToken.FIELD_NAME ? nextToken() : t;
  }

  // Skipped content is read token by token too: what Jackson skips is still checked.
  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken t = currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0) {
      JsonToken next = nextToken();
      if (next == null) {
        return this;
      }
      if (next.isStructStart()) {
        open++;
      } else if (next.isStructEnd()) {
        open--;
      }
    }
    return this;
  }
}
