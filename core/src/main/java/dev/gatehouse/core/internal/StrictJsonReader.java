package dev.gatehouse.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.Problem;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SecurityEventType;
import dev.gatehouse.core.StrictJson;
import dev.gatehouse.core.spi.Lazy;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads every {@code application/json} and {@code application/*+json} request body with
 * Gatehouse's strict mapper ({@link StrictJson}) — whatever JSON provider the runtime brings:
 * Jackson on Jersey, RESTEasy and Quarkus, JSON-B (Yasson) on Payara. It names the JSON media
 * types and has priority 1, the highest an application provider can have, so it is chosen before
 * any other reader of the same media type;
 * {@link StrictJsonInterceptor} checks on every read that it was, and refuses the request when a
 * runtime chose another reader.
 *
 * <p>JSON is UTF-8 (RFC 8259 §8.1): the bytes go through a strict UTF-8 decoder that refuses
 * malformed input — overlong forms such as {@code C0 BC} for {@code <}, encoded surrogates,
 * bytes of UTF-16 or UTF-32 — and Jackson parses the characters it produces. A byte order mark is
 * refused (400), and so is a {@code charset} parameter naming anything but UTF-8 (415). Strings
 * and field names are checked as they are parsed ({@link StrictParser}): no unpaired surrogate,
 * no C0 control character but tab, CR and LF unless
 * {@code gatehouse.json.allow-control-characters} allows them. A collection or array body whose
 * parameter declares {@code @Size(max = n)} is refused at element n + 1, while reading.
 *
 * <p>Bodies read as text, bytes, streams or JSON-P values are left to the runtime.
 */
@Provider
// The JSON types by name as well as the wildcard: runtimes that rank readers by media type first
// (RESTEasy) would otherwise prefer their own provider's exact "application/json".
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json", MediaType.WILDCARD})
@Priority(1)
public final class StrictJsonReader implements MessageBodyReader<Object> {

  /** What this reader produced last on this thread, for {@link StrictJsonInterceptor}. */
  static final ThreadLocal<Object> LAST = new ThreadLocal<>();
  /**
   * What this reader would have refused on this thread while {@code json} is report-only, for
   * {@link StrictJsonInterceptor} to hand to the response filter, which reports it.
   */
  static final ThreadLocal<Problem> NOT_ENFORCED = new ThreadLocal<>();
  /** Stands for a {@code null} result in {@link #LAST}. */
  static final Object EMPTY = new Object();

  private final Supplier<CoreSettings> settings;
  private final Supplier<ObjectMapper> mapper;
  private final Supplier<ObjectMapper> lenient;

  /** What the Jakarta REST runtime creates: the running application's settings, read per body. */
  public StrictJsonReader() {
    Lazy<CoreRuntime> runtime = Lazy.bean(CoreRuntime.class);
    this.settings = () -> runtime.get().settings();
    this.mapper = () -> runtime.get().strictMapper();
    this.lenient = () -> runtime.get().lenientMapper();
  }

  /** A reader of fixed settings, without a running application (the fuzz tests). */
  StrictJsonReader(CoreSettings fixed) {
    ObjectMapper strict = StrictJson.mapper(fixed.json());
    ObjectMapper relaxed = LenientJson.mapper(fixed.json());
    this.settings = () -> fixed;
    this.mapper = () -> strict;
    this.lenient = () -> relaxed;
  }

  @Override
  public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations,
      MediaType mediaType) {
    return StrictJsonInterceptor.isJson(mediaType) && handles(type);
  }

  /** Whether a body of this type is read here (anything but text, bytes, streams, JSON-P). */
  static boolean handles(Class<?> type) {
    if (CharSequence.class.isAssignableFrom(type) || type == byte[].class || type == char[].class
        || InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type)
        || File.class.isAssignableFrom(type) || java.nio.file.Path.class.isAssignableFrom(type)) {
      return false;
    }
    String name = type.getName();
    return !name.startsWith("jakarta.json.") && !name.startsWith("javax.json.")
        && !name.startsWith("jakarta.activation.") && !name.startsWith("jakarta.ws.rs.");
  }

  @Override
  public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations,
      MediaType mediaType, MultivaluedMap<String, String> httpHeaders, InputStream entityStream)
      throws IOException {
    LAST.remove();
    NOT_ENFORCED.remove();
    refuseOtherCharsets(mediaType);
    PushbackInputStream in = new PushbackInputStream(entityStream, 4);
    byte[] head = new byte[4];
    int n = 0;
    for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
      n += r;
    }
    if (n == 0) {
      LAST.set(EMPTY);
      return null;
    }
    refuseByteOrderMark(head, n);
    in.unread(head, 0, n);
    CoreSettings settings = this.settings.get();
    ObjectMapper mapper = this.mapper.get();
    JavaType target = mapper.getTypeFactory().constructType(genericType != null ? genericType : type);
    ObjectReader reader = mapper.readerFor(target);
    // the declared size of a list or array body is enforced while reading: element n + 1 is
    // refused before it is parsed, so an oversized body is never built or validated
    int maxElements = LintTypes.isCollectionOrArray(type)
        ? LintTypes.maxElements(annotations).orElse(-1) : -1;
    boolean control = settings.json().allowControlCharacters();
    if (settings.rollout().json()) {
      return readReportingOnly(reader, target, in, control, maxElements);
    }
    Object value = reader.readValue(parser(reader, in, control, maxElements, true));
    LAST.set(value == null ? EMPTY : value);
    return value;
  }

  private static JsonParser parser(ObjectReader reader, InputStream in, boolean control,
      int maxElements, boolean refuseDuplicates) throws IOException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new StrictParser(reader.createParser(new InputStreamReader(in, utf8)), control,
        maxElements, refuseDuplicates);
  }

  /**
   * Report-only ({@code gatehouse.rollout.report-only} lists {@code json}): a body that breaks
   * only a shape rule ({@link LenientJson#RELAXED}) is read again leniently and served, and the 400
   * it would have been is reported; every other rule refuses as ever. The body is held in memory
   * for the second reading — no more than the body cap lets through, as the stream is limited.
   */
  private Object readReportingOnly(ObjectReader reader, JavaType target, InputStream in,
      boolean control, int maxElements) throws IOException {
    byte[] body = in.readAllBytes();
    Object value;
    try {
      value = reader.readValue(parser(reader, new java.io.ByteArrayInputStream(body), control,
          maxElements, true));
    } catch (com.fasterxml.jackson.core.JsonProcessingException strict) {
      Problem wouldRefuse = JsonProblems.of(strict);
      if (!LenientJson.RELAXED.contains(wouldRefuse.eventReason())) {
        throw strict;
      }
      ObjectReader relaxed = lenient.get().readerFor(target);
      value = relaxed.readValue(parser(relaxed, new java.io.ByteArrayInputStream(body), control,
          maxElements, false));
      NOT_ENFORCED.set(wouldRefuse);
    }
    LAST.set(value == null ? EMPTY : value);
    return value;
  }

  /** RFC 8259 §11 defines no charset parameter; one that says UTF-8 is tolerated. */
  private static void refuseOtherCharsets(MediaType mediaType) {
    String charset = mediaType == null ? null : mediaType.getParameters().get("charset");
    if (charset == null) {
      return;
    }
    String c = charset.trim().toLowerCase(Locale.ROOT);
    if (!c.equals("utf-8") && !c.equals("utf8") && !c.equals("\"utf-8\"")) {
      throw new ProblemException(Problem.of(415)
          .detail("JSON request bodies must be UTF-8: send Content-Type: application/json without"
              + " a charset, or with charset=utf-8.")
          .event(SecurityEventType.VALIDATION_FAILED, "json_charset"));
    }
  }

  /** UTF-8 with a BOM, and UTF-16 or UTF-32 with one (RFC 8259 §8.1: no BOM in JSON text). */
  private static void refuseByteOrderMark(byte[] b, int n) {
    boolean utf8 = n >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb
        && (b[2] & 0xff) == 0xbf;
    boolean utf16 = n >= 2 && ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff
        || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe);
    boolean utf32 = n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xfe
        && (b[3] & 0xff) == 0xff;
    if (utf8 || utf16 || utf32) {
      throw new ProblemException(Problem.of(400).detail("The request body is not acceptable JSON.")
          .with("errors", List.of(Map.of("field", "$", "message",
              "must not start with a byte order mark; send UTF-8 without one (RFC 8259 §8.1)")))
          .event(SecurityEventType.VALIDATION_FAILED, "json_byte_order_mark"));
    }
  }
}
