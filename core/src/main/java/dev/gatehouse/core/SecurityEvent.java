package dev.gatehouse.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One security-relevant occurrence, fired as a CDI event and written as one JSON line to the
 * logger {@code dev.gatehouse.security}. It holds identifiers only — never a token, password,
 * secret or body. Observe it to feed an alerting pipeline:
 *
 * <pre>{@code
 * void onSecurityEvent(@Observes SecurityEvent e) {
 *   if (e.type() == SecurityEventType.REFRESH_TOKEN_REUSE) pager.alert(e.toJson());
 * }
 * }</pre>
 *
 * @param type what happened
 * @param time when
 * @param requestId the request's id (see {@link RequestId}), or null outside a request
 * @param subject the authenticated subject id, or null when anonymous
 * @param clientAddress the client address (see {@link ClientAddress}), or null
 * @param method the HTTP method, or null
 * @param path the matched path template such as {@code /notes/{id}}, or null when no resource
 *     matched (the raw path is never recorded: it is attacker-chosen text)
 * @param reason an internal reason code such as {@code token_expired}: lower-case letters,
 *     digits, {@code _ . -}, at most 64 characters
 */
public record SecurityEvent(
    SecurityEventType type,
    Instant time,
    String requestId,
    String subject,
    String clientAddress,
    String method,
    String path,
    String reason) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public SecurityEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    reason = reasonCode(reason);
    subject = subject == null ? null : clip(subject, 128);
  }

  /** The event as one line of JSON. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", type.name());
    m.put("time", time.toString());
    m.put("requestId", requestId);
    m.put("subject", subject);
    m.put("client", clientAddress);
    m.put("method", method);
    m.put("path", path);
    m.put("reason", reason);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String reasonCode(String reason) {
    if (reason == null || reason.isEmpty()) {
      return "unspecified";
    }
    StringBuilder b = new StringBuilder(Math.min(reason.length(), 64));
    for (int i = 0; i < reason.length() && b.length() < 64; i++) {
      char c = Character.toLowerCase(reason.charAt(i));
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
          || c == '-';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
