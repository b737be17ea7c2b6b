package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Jackson's parser with Gatehouse's rules on top, checked token by token as the body is read:
 * <ul>
 *   <li>strings and field names hold no unpaired UTF-16 surrogate, raw or escaped
 *       (<code>"&#92;ud800"</code>) — I-JSON, RFC 7493 §2.1;
 *   <li>strings and field names hold no C0 control character other than tab, line feed and
 *       carriage return, unless the settings allow them (<code>"&#92;u0000"</code> is valid
 *       JSON, but a NUL breaks C strings and PostgreSQL text);
 *   <li>a top-level array has at most {@code maxElements} elements: the one past the limit is
 *       refused before it is parsed, so an oversized list is never built.
 * </ul>
 * Every token passes through {@link #nextToken()}: {@link #nextValue()} and
 * {@link #skipChildren()} are re-routed through it rather than going to the delegate directly.
 */
final class StrictParser extends JsonParserDelegate {

  private final boolean allowControlCharacters;
  private final int maxElements;
  private int elements;

  /**
   * @param maxElements the most elements a top-level array may have, or -1 for no limit
   */
  StrictParser(JsonParser parser, boolean allowControlCharacters, int maxElements) {
    super(parser);
    this.allowControlCharacters = allowControlCharacters;
    this.maxElements = maxElements;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t = delegate.nextToken();
    if (t == null) {
      return null;
    }
    if (t == JsonToken.FIELD_NAME) {
      String name = delegate.currentName();
      checkText(name.toCharArray(), 0, name.length());
    } else if (t == JsonToken.VALUE_STRING) {
      checkText(delegate.getTextCharacters(), delegate.getTextOffset(), delegate.getTextLength());
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
