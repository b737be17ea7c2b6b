package dev.gatehouse.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.PageRequest;
import dev.gatehouse.core.PagingSettings;
import dev.gatehouse.core.ProblemException;
import dev.gatehouse.core.SortSpec;
import dev.gatehouse.core.Sortable;
import dev.gatehouse.core.support.AllocationBudget;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ?page=&size=} and {@code ?sort=} of any text, checked by {@link PageRequest#validate} and
 * bound by the {@link SortSpec} converter of {@link SortSpecConverterProvider} against an
 * allowlist — what the runtime does before a paged method runs.
 *
 * <p>Invariant: the outcome is acceptance or a {@link ProblemException} with status 400 — never
 * another exception, never a hang (10 s per input). Accepted paging parameters are each given once
 * as ASCII digits within their bounds; an accepted sort names a field that is the allowlist's own
 * string (the same object, so nothing of the caller's text reaches an {@code ORDER BY}) and its
 * text binds to the same sort again. One check allocates at most 32 KiB + 64 bytes per input byte
 * (fuzzing measured 29 KB for 1 KB of sort text, 9 KB for paging).
 */
class PagingFuzzTest {

  private static final AllocationBudget BUDGET = new AllocationBudget(32 * 1024, 64);
  private static final PagingSettings SETTINGS = PagingSettings.ofDefaults();
  private static final String[] ALLOWED = {"createdAt", "title", "owner.name"};
  private static final ParamConverter<SortSpec> SORT = new SortSpecConverterProvider()
      .getConverter(SortSpec.class, SortSpec.class, new Annotation[] {sortable()});

  /**
   * Input: a raw query string, {@code &}-separated {@code name=value} pairs as the runtime has
   * decoded them; names other than {@code page} and {@code size} are ignored.
   */
  @FuzzTest
  @Timeout(10)
  void pageAndSizeAreWholeNumbersWithinTheirBoundsOrA400(byte[] input) {
    MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
    for (String pair : new String(input, StandardCharsets.UTF_8).split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq >= 0) {
        query.add(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    AllocationBudget.Outcome<Object> o = BUDGET.run(input.length, () -> {
      PageRequest.validate(query, SETTINGS);
      return query;
    });
    if (o.thrown() != null) {
      assertThat(o.thrown()).isInstanceOf(ProblemException.class);
      assertThat(((ProblemException) o.thrown()).getResponse().getStatus()).isEqualTo(400);
      return;
    }
    checkAccepted(query, PageRequest.PAGE, 0, PageRequest.MAX_PAGE);
    checkAccepted(query, PageRequest.SIZE, 1, SETTINGS.maxSize());
  }

  private static void checkAccepted(MultivaluedMap<String, String> query, String name, int min,
      int max) {
    if (query.get(name) == null || query.get(name).isEmpty()) {
      return;
    }
    assertThat(query.get(name)).hasSize(1);
    String v = query.getFirst(name);
    assertThat(v).matches("[0-9]{1,9}");
    assertThat(Integer.parseInt(v)).isBetween(min, max);
  }

  /** Input: the value of {@code ?sort=}, as the runtime has decoded it. */
  @FuzzTest
  @Timeout(10)
  void anAcceptedSortFieldIsTheAllowlistsOwnString(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    AllocationBudget.Outcome<SortSpec> o = BUDGET.run(input.length, () -> SORT.fromString(text));
    if (o.thrown() != null) {
      assertThat(o.thrown()).isInstanceOf(ProblemException.class);
      assertThat(((ProblemException) o.thrown()).getResponse().getStatus()).isEqualTo(400);
      return;
    }
    SortSpec sort = o.value();
    assertThat(Arrays.stream(ALLOWED).anyMatch(a -> a == sort.field()))
        .as("field %s is one of the allowlist's strings", sort.field()).isTrue();
    assertThat(sort.direction()).isNotNull();
    SortSpec again = SORT.fromString(SORT.toString(sort));
    assertThat(again.field()).isSameAs(sort.field());
    assertThat(again.direction()).isEqualTo(sort.direction());
  }

  private static Sortable sortable() {
    return new Sortable() {
      @Override
      public String[] value() {
        return ALLOWED;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return Sortable.class;
      }
    };
  }
}
