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
 * @param requestId Gatehouse's id of the request (see {@link RequestId}), or null outside a request
 * @param clientRequestId the client's own {@code X-Request-Id}, kept only when it is 1 to 64 of
 *     {@code A-Z a-z 0-9 . _ : -} (anything else is null here), written only when present
 * @param subject the authenticated subject id, or null when anonymous
 * @param clientAddress the client address (see {@link ClientAddress}), or null
 * @param method the HTTP method, or null
 * @param path the matched path template such as {@code /notes/{id}}, or null when no resource
 *     matched (the raw path is never recorded: it is attacker-chosen text)
 * @param reason an internal reason code such as {@code token_expired}: lower-case letters,
 *     digits, {@code _ . -}, at most 64 characters
 * @param account the {@link #accountKey(String) hashed key} of the account an anonymous attempt
 *     named (a failed login's email), or null
 * @param enforced false when a check in report-only mode ({@link RolloutSettings}) served the
 *     request this event says enforcement would have refused; written to the JSON line only then,
 *     as {@code "enforced":false}
 */
public record SecurityEvent(
    SecurityEventType type,
    Instant time,
    String requestId,
    String clientRequestId,
    String subject,
    String clientAddress,
    String method,
    String path,
    String reason,
    String account,
    boolean enforced) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public SecurityEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    reason = reasonCode(reason);
    subject = subject == null ? null : clip(subject, 128);
    account = account == null ? null : clip(account, 64);
    clientRequestId = RequestId.fromClient(clientRequestId).orElse(null);
  }

  /** An enforced event: the request was refused, or nothing was to refuse. */
  public SecurityEvent(SecurityEventType type, Instant time, String requestId,
      String clientRequestId, String subject, String clientAddress, String method, String path,
      String reason, String account) {
    this(type, time, requestId, clientRequestId, subject, clientAddress, method, path, reason,
        account, true);
  }

  /** An enforced event about no particular account. */
  public SecurityEvent(SecurityEventType type, Instant time, String requestId,
      String clientRequestId, String subject, String clientAddress, String method, String path,
      String reason) {
    this(type, time, requestId, clientRequestId, subject, clientAddress, method, path, reason,
        null);
  }

  /** An enforced event without a client request id, about no particular account. */
  public SecurityEvent(SecurityEventType type, Instant time, String requestId, String subject,
      String clientAddress, String method, String path, String reason) {
    this(type, time, requestId, null, subject, clientAddress, method, path, reason, null);
  }

  /** This event marked as not enforced: report-only served the request it describes. */
  public SecurityEvent notEnforced() {
    return new SecurityEvent(type, time, requestId, clientRequestId, subject, clientAddress,
        method, path, reason, account, false);
  }

  /**
   * The key under which events name an account without recording it: SHA-256 of the name as
   * the application canonicalised it, 128 bits in base64url. The same account gives the same key
   * on every instance, so alerts can count attempts per account; it is a pseudonym, not a secret
   * (anyone who can guess the address can compute it).
   */
  public static String accountKey(String account) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(account.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.Base64.getUrlEncoder().withoutPadding()
          .encodeToString(java.util.Arrays.copyOf(d, 16));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The event as one line of JSON. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", type.name());
    m.put("time", time.toString());
    m.put("requestId", requestId);
    if (clientRequestId != null) {
      m.put("clientRequestId", clientRequestId);
    }
    m.put("subject", subject);
    m.put("client", clientAddress);
    m.put("method", method);
    m.put("path", path);
    m.put("reason", reason);
    if (account != null) {
      m.put("account", account);
    }
    if (!enforced) {
      m.put("enforced", false);
    }
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
