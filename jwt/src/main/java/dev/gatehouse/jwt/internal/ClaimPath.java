package dev.gatehouse.jwt.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Where in a token's claims a list of names is read: a claim name, or a path into nested objects
 * with {@code .} between names — {@code realm_access.roles}, {@code resource_access.notes-api.roles}
 * (Keycloak) — where a name holding dots, colons or slashes is quoted:
 * {@code "https://notes.example.com/roles"} (Auth0's namespaced claims), {@code cognito:groups}
 * needs no quotes. The value found is read as names: a JSON array of strings, or a string —
 * for scopes, names separated by spaces (OAuth's {@code scope}, RFC 8693 §4.2; Entra ID's
 * {@code scp}); for roles, one name (a role "Domain Admins" never grants "Admins"). Anything
 * else — a number, an object, an array holding non-strings — reads as no names: a token never
 * gains a role from a value of the wrong shape.
 *
 * @param text the path as configured
 * @param names the claim names from the top level down
 */
public record ClaimPath(String text, List<String> names) {

  /**
   * @throws IllegalArgumentException with the rule broken, for the caller to prefix with the
   *     property
   */
  public static ClaimPath parse(String text) {
    String t = text.trim();
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i <= t.length()) {
      if (i < t.length() && t.charAt(i) == '"') {
        int close = t.indexOf('"', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("opens a quoted name it never closes");
        }
        names.add(t.substring(i + 1, close));
        i = close + 1;
        if (i < t.length() && t.charAt(i) != '.') {
          throw new IllegalArgumentException("has text after a quoted name; separate names"
              + " with '.'");
        }
      } else {
        int dot = t.indexOf('.', i);
        int end = dot < 0 ? t.length() : dot;
        names.add(t.substring(i, end));
        i = end;
      }
      if (names.get(names.size() - 1).isBlank()) {
        throw new IllegalArgumentException("has an empty name; write a claim name, or a path"
            + " such as realm_access.roles, quoting names with dots: \"https://x.example/roles\"");
      }
      if (i >= t.length()) {
        break;
      }
      i++; // the '.'
      if (i == t.length()) {
        throw new IllegalArgumentException("ends with '.'");
      }
    }
    return new ClaimPath(t, List.copyOf(names));
  }

  /**
   * The names at this path in {@code token}; empty when the path or a usable value is absent.
   *
   * @param spaceSeparated whether a string value holds several names separated by spaces
   */
  Set<String> read(JsonWebToken token, boolean spaceSeparated) {
    Object value = token.getClaim(names.get(0));
    for (int i = 1; i < names.size() && value != null; i++) {
      value = value instanceof Map<?, ?> object ? object.get(names.get(i)) : null;
    }
    return namesIn(value, !spaceSeparated);
  }

  /**
   * A value as names: strings of an array, or a space-separated string. smallrye-jwt hands nested
   * values as Jakarta JSON-P types ({@link JsonObject} is a {@code Map}, {@link JsonArray} a
   * {@code List}) and some registered claims as Java collections.
   */
  private static Set<String> namesIn(Object value, boolean oneName) {
    Set<String> out = new LinkedHashSet<>();
    String text = string(value);
    if (text != null) {
      for (String part : oneName ? new String[] {text} : text.split(" ")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
      return out;
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        String name = string(item);
        if (name == null) {
          return Set.of(); // an array of anything but strings is not a list of names
        }
        if (!name.isEmpty()) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private static String string(Object value) {
    return value instanceof JsonString s ? s.getString() : value instanceof String s ? s : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
