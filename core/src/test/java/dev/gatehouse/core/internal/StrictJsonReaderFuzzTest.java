package dev.gatehouse.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.CoreSettings;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.StrictJson;
import dev.gatehouse.core.support.AllocationBudget;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Request bodies of arbitrary bytes — malformed, overlong or surrogate UTF-8, byte order marks,
 * deep nesting, duplicate and unknown fields, wrong types — read into a typical request record the
 * way the Jakarta REST runtime does: {@link StrictJsonInterceptor} around {@link StrictJsonReader}
 * with {@link StrictParser}, then Bean Validation.
 *
 * <p>Invariant: the outcome is a valid {@link NoteRequest}, a {@link ProblemException} with a 4xx
 * status, or a {@link ConstraintViolationException} (answered 400 by
 * {@link ConstraintViolationMapper}) — never another exception (a 500), never a hang (10 s per
 * input). An accepted record holds no C0 control character but tab, CR and LF and no unpaired
 * surrogate, and written back with the strict mapper it reads again to itself. One read allocates
 * at most 512 KiB + 512 bytes per input byte: fuzzing, with Jazzer's instrumentation allocating
 * too, measured 430 KB for 931 bytes of objects nested under an unknown field (uninstrumented it
 * is within 256 KiB + 96 bytes per byte) and 510 KB for 3.8 KB.
 */
class StrictJsonReaderFuzzTest {

  private static final AllocationBudget BUDGET = new AllocationBudget(512 * 1024, 512);
  private static final StrictJsonReader READER = new StrictJsonReader(CoreSettings.ofDefaults());
  private static final StrictJsonInterceptor INTERCEPTOR = new StrictJsonInterceptor();
  private static final ObjectMapper WRITER = StrictJson.mapper(CoreSettings.ofDefaults().json());

  /** A body as an API takes it: bounded strings, a number range, an enum, a list, a nested object. */
  record NoteRequest(
      @NotBlank @Size(max = 200) String title,
      @Size(max = 10_000) String body,
      @Email @Size(max = 254) String author,
      @Min(0) @Max(5) int priority,
      Visibility visibility,
      @Size(max = 10) List<@NotBlank @Size(max = 32) String> tags,
      @Valid Place place) {
  }

  enum Visibility { PRIVATE, SHARED }

  record Place(@NotNull @Min(-90) @Max(90) Double lat, @NotNull @Min(-180) @Max(180) Double lon) {
  }

  @FuzzTest
  @Timeout(10)
  void bodiesAreReadIntoTheRecordOrRefusedWithA4xx(byte[] body) throws Exception {
    AllocationBudget.Outcome<Object> o = BUDGET.run(body.length, () -> read(body));
    if (o.thrown() != null) {
      if (o.thrown() instanceof ProblemException p) {
        assertThat(p.getResponse().getStatus()).isBetween(400, 499);
        return;
      }
      if (o.thrown() instanceof ConstraintViolationException) {
        return;
      }
      throw new AssertionError("neither a value nor a 4xx: " + o.thrown(), o.thrown());
    }
    NoteRequest note = (NoteRequest) o.value();
    for (String s : strings(note)) {
      assertThat(s.codePoints()).noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')
          .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }
    assertThat(read(WRITER.writeValueAsBytes(note))).isEqualTo(note);
  }

  private static List<String> strings(NoteRequest n) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>();
    all.add(n.title());
    if (n.body() != null) {
      all.add(n.body());
    }
    if (n.author() != null) {
      all.add(n.author());
    }
    if (n.tags() != null) {
      all.addAll(n.tags());
    }
    return all;
  }

  /** What the runtime does with a body: the interceptor around the reader. */
  private static Object read(byte[] body) throws Exception {
    InputStream in = new ByteArrayInputStream(body);
    ReaderInterceptorContext context = (ReaderInterceptorContext) Proxy.newProxyInstance(
        StrictJsonReaderFuzzTest.class.getClassLoader(),
        new Class<?>[] {ReaderInterceptorContext.class}, (proxy, method, args) ->
            switch (method.getName()) {
              case "proceed" -> READER.readFrom(cast(NoteRequest.class), NoteRequest.class,
                  new Annotation[0], MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), in);
              case "getMediaType" -> MediaType.APPLICATION_JSON_TYPE;
              case "getType" -> NoteRequest.class;
              case "getGenericType" -> NoteRequest.class;
              case "getAnnotations" -> new Annotation[0];
              case "getInputStream" -> in;
              default -> throw new UnsupportedOperationException(method.getName());
            });
    return INTERCEPTOR.aroundReadFrom(context);
  }

  @SuppressWarnings("unchecked")
  private static Class<Object> cast(Class<?> c) {
    return (Class<Object>) c;
  }
}
