package dev.gatehouse.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem response ({@code application/problem+json}): {@code type}, {@code title},
 * {@code status}, {@code detail} and the {@code requestId}. Titles are generic for each status;
 * details are written by Gatehouse, never copied from input or from an exception, so no value,
 * class name, stack frame or version reaches a client. Every module answers errors through this
 * one type.
 *
 * <p>A response whose entity is a {@code Problem} is rendered by Gatehouse's response filter,
 * which adds the request id and fires the problem's {@link #event security event}; modules and
 * applications therefore return or throw problems and never format error bodies themselves.
 *
 * <p>A problem carries the headers that belong to its answer ({@code WWW-Authenticate},
 * {@code Retry-After}, {@code RateLimit*}), so it is thrown, aborted with or inspected as one value.
 *
 * <pre>{@code
 * requestContext.abortWith(Problem.of(429).detail("Too many requests; retry later.")
 *     .event(SecurityEventType.RATE_LIMITED, "login")
 *     .header("Retry-After", "12")
 *     .toResponse());
 * }</pre>
 */
public final class Problem {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
  public static final String MEDIA_TYPE_TEXT = "application/problem+json";

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** An RFC 9110 field name (a token), compiled once: 401s and 429s add headers per request. */
  private static final java.util.regex.Pattern HEADER_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  private final int status;
  private String detail;
  private final Map<String, Object> extensions = new LinkedHashMap<>();
  private SecurityEventType eventType;
  private String eventReason;
  private String eventSubject;
  private String eventAccount;
  private Throwable cause;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private Problem(int status) {
    this.status = status;
  }

  /** A problem with the generic title of {@code status}. */
  public static Problem of(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
    }
    return new Problem(status);
  }

  /** A human-readable explanation written by the server; never echo input here. */
  public Problem detail(String text) {
    this.detail = Objects.requireNonNull(text);
    return this;
  }

  /** Adds an extension member, e.g. {@code errors} for validation failures. */
  public Problem with(String name, Object value) {
    if (List.of("type", "title", "status", "detail", "requestId").contains(name)) {
      throw new IllegalArgumentException(name + " is a standard member");
    }
    extensions.put(name, value);
    return this;
  }

  /** A security event to fire when this problem is sent. */
  public Problem event(SecurityEventType type, String reason) {
    this.eventType = Objects.requireNonNull(type);
    this.eventReason = reason;
    return this;
  }

  /**
   * The subject the event concerns when the request has none: the owner of a reused refresh
   * token, of a session that was revoked.
   */
  public Problem eventSubject(String subject) {
    this.eventSubject = subject;
    return this;
  }

  /**
   * The account an anonymous attempt named — a login's email — recorded in the event only as
   * {@link SecurityEvent#accountKey(String) its hash}, never as given.
   */
  public Problem eventAccount(String account) {
    this.eventAccount = account == null ? null : SecurityEvent.accountKey(account);
    return this;
  }

  /** An unexpected exception behind a 5xx, logged server-side with the request id, never sent. */
  public Problem cause(Throwable t) {
    this.cause = t;
    return this;
  }

  /**
   * Adds a header to the answer, e.g. {@code Retry-After}; a second value for the same name
   * replaces the first. Names and values are Gatehouse's or the application's own, never input.
   */
  public Problem header(String name, Object value) {
    if (name == null || !HEADER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a header name: " + name);
    }
    String v = String.valueOf(Objects.requireNonNull(value, name));
    if (v.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
      throw new IllegalArgumentException("control character in the value of " + name);
    }
    headers.put(name, v);
    return this;
  }

  /** The headers of the answer, in the order they were added. */
  public Map<String, String> headers() {
    return java.util.Collections.unmodifiableMap(headers);
  }

  public int status() {
    return status;
  }

  public SecurityEventType eventType() {
    return eventType;
  }

  public String eventReason() {
    return eventReason;
  }

  /** The subject set by {@link #eventSubject}, or null. */
  public String eventSubject() {
    return eventSubject;
  }

  /** The hashed account key set by {@link #eventAccount}, or null. */
  public String eventAccountKey() {
    return eventAccount;
  }

  public Throwable unexpectedCause() {
    return cause;
  }

  String detailOrTitle() {
    return detail != null ? detail : title(status);
  }

  /**
   * The one 401 every module answers (RFC 6750 §3, RFC 9110 §15.5.2): the same body and
   * {@code WWW-Authenticate: Bearer} whatever the cause — a missing, forged or expired bearer
   * token, a refused refresh token — so that one cannot be told from another; the cause goes only
   * into the event's reason code ({@code AUTHENTICATION_FAILED}; change the type with
   * {@link #event}, e.g. for a refresh token's reuse).
   */
  public static Problem unauthorized(String reason) {
    return of(401).detail("Authentication is required: the credentials are missing, invalid or"
        + " expired.").event(SecurityEventType.AUTHENTICATION_FAILED, reason)
        .header("WWW-Authenticate", "Bearer");
  }

  /**
   * The one 404 — for unknown paths, hidden docs and objects owned by someone else alike, so that
   * none can be told from another.
   */
  public static Problem notFound() {
    return of(404).detail(NOT_FOUND_DETAIL);
  }

  /** A 500 that shows only the request id; {@code cause} is logged with it, never sent. */
  public static Problem unexpected(Throwable cause) {
    return of(500).detail(UNEXPECTED_DETAIL)
        .event(SecurityEventType.SERVER_ERROR, "unexpected_exception").cause(cause);
  }

  static final String NOT_FOUND_DETAIL = "There is no resource at this path.";
  /** The detail of every server-side failure: nothing about the cause. */
  public static final String UNEXPECTED_DETAIL =
      "An unexpected error occurred. Quote the request id when reporting it.";

  /** The generic title for a status: the same text for every cause. */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Request Refused";
    };
  }

  /** The JSON body, with the request id when known (null: without it). */
  public String toJson(String requestId) {
    try {
      return JSON.writeValueAsString(members(requestId));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("problem body not serialisable", e);
    }
  }

  private Map<String, Object> members(String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title(status));
    body.put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    body.putAll(extensions);
    return body;
  }

  /** The response; Gatehouse's response filter renders the body with the request id. */
  public Response toResponse() {
    return toResponseBuilder().build();
  }

  /** A builder of the response, with the problem's headers. */
  public Response.ResponseBuilder toResponseBuilder() {
    Response.ResponseBuilder b = Response.status(status).type(MEDIA_TYPE).entity(this);
    headers.forEach(b::header);
    return b;
  }
}
