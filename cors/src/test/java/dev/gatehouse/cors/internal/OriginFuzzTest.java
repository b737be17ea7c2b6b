package dev.gatehouse.cors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.support.AllocationBudget;
import dev.gatehouse.cors.CorsSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Origin} headers of any text through {@link Origin#parse} and the policy's matcher,
 * {@link CorsPolicy#allowOrigin}, with the configuration check {@link Origin#problem} on the
 * same text.
 *
 * <p>Invariant: parsing gives an origin or empty, matching a header value or empty, the check a
 * rule or null — never an exception, never a hang (10 s per input). An origin that parses was
 * written in printable ASCII, and its canonical text parses to itself; a granted origin is
 * answered with exactly the text the browser sent, and that text parses to one of the allowed
 * origins. One input allocates at most 64 KiB + 64 bytes per input byte (fuzzing measured 20 KB
 * for 31 bytes, most of it the message of the configuration check).
 */
class OriginFuzzTest {

  private static final AllocationBudget BUDGET = new AllocationBudget(64 * 1024, 64);
  private static final List<String> ALLOWED = List.of("https://app.example.com",
      "http://localhost:8080", "https://[2001:db8::1]", "https://kiosk.example.com:8443");
  private static final CorsPolicy POLICY = CorsPolicy.of(CorsSettings.builder()
      .allowedOrigins(ALLOWED).build());
  private static final Set<Origin> ALLOWED_ORIGINS = ALLOWED.stream()
      .map(o -> Origin.parse(o).orElseThrow()).collect(Collectors.toSet());

  @FuzzTest
  @Timeout(10)
  void anOriginIsGrantedOnlyWhenItIsExactlyAnAllowedOne(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    AllocationBudget.Outcome<Optional<Origin>> parsed =
        BUDGET.run(input.length, () -> Origin.parse(text));
    assertThat(parsed.thrown()).isNull();
    parsed.value().ifPresent(o -> {
      assertThat(text.chars()).as("an origin is printable ASCII: %s", text)
          .allMatch(c -> c > 0x20 && c < 0x7f);
      assertThat(Origin.parse(o.toString())).contains(o);
      assertThat(o.toString()).isEqualTo(o.toString().toLowerCase(java.util.Locale.ROOT));
      assertThat(o.port()).isBetween(1, 65535);
    });
    AllocationBudget.Outcome<Optional<String>> granted =
        BUDGET.run(input.length, () -> POLICY.allowOrigin(text));
    assertThat(granted.thrown()).isNull();
    granted.value().ifPresent(v -> {
      assertThat(v).isEqualTo(text);
      assertThat(parsed.value()).isPresent();
      assertThat(ALLOWED_ORIGINS).contains(parsed.value().get());
    });
    for (boolean insecure : new boolean[] {false, true}) {
      assertThat(BUDGET.run(input.length, () -> Origin.problem(text, insecure)).thrown())
          .isNull();
    }
  }
}
