package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.support.EchoResource.Item;
import dev.gatehouse.core.support.Fixtures;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bounded-input rule on list and array bodies: refused at start-up, or reported. */
class BoundedInputLintTest {

  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse.lint");

  /** An element type with an unbounded string, and one bounded only from below. */
  public record Loose(String text, @Size(min = 1) String note) {
  }

  /** Safe, but without a maximum length. */
  public record Shown(@dev.gatehouse.core.SafeText String name) {
  }

  /** Collection bodies without a declared maximum, or with unbounded elements. */
  @Path("/bulk")
  @Consumes(MediaType.APPLICATION_JSON)
  public static class Bulk {
    @POST
    @Path("/items")
    public void items(List<Item> items) {
    }

    @POST
    @Path("/loose")
    public void loose(@Size(max = 10) Set<Loose> loose) {
    }

    @POST
    @Path("/array")
    public void array(Loose[] loose) {
    }

    @POST
    @Path("/strings")
    public void strings(@Size(max = 10) List<String> strings) {
    }

    @POST
    @Path("/shown")
    public void shown(Shown shown) {
    }

    @POST
    @Path("/min-only")
    public void minOnly(@Size(min = 1) List<Item> items) {
    }
  }

  @Test
  void listAndArrayBodiesWithoutADeclaredMaximumOrWithUnboundedElementsDoNotStart() {
    GatehouseConfigException refusal = Fixtures.server().register(Bulk.class).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refusal.problems()).containsExactlyInAnyOrder(
        "Bulk#items: bounded-input: the request body List<Item> has no maximum number of"
            + " elements — add @Size(max = ...) to the parameter, e.g. @Size(max = 100)"
            + " List<Item> items; a longer body is then refused while it is read",
        "Bulk#loose: bounded-input: unbounded input: Set<Loose>[].text, Set<Loose>[].note — add"
            + " @Size(max = ...) (or @Email) to each, including collection elements",
        "Bulk#array: bounded-input: the request body Loose[] has no maximum number of elements —"
            + " add @Size(max = ...) to the parameter, e.g. @Size(max = 100) Loose[] items; a"
            + " longer body is then refused while it is read",
        "Bulk#array: bounded-input: unbounded input: Loose[].text, Loose[].note — add"
            + " @Size(max = ...) (or @Email) to each, including collection elements",
        "Bulk#strings: bounded-input: unbounded input: List<String>[] — add @Size(max = ...)"
            + " (or @Email) to each, including collection elements",
        "Bulk#shown: bounded-input: unbounded input: Shown.name — add @Size(max = ...) (or"
            + " @Email) to each, including collection elements",
        "Bulk#minOnly: bounded-input: the request body List<Item> has no maximum number of"
            + " elements — add @Size(max = ...) to the parameter, e.g. @Size(max = 100)"
            + " List<Item> items; a longer body is then refused while it is read");
  }

  @Test
  void theReportShowsTheDeclaredMaximumOfListAndArrayBodies() {
    EmbeddedServer server = Fixtures.server().build();
    try {
      server.start();
    } finally {
      server.stop();
    }
    String report = log.messages(Level.INFO).stream()
        .filter(m -> m.startsWith("Gatehouse endpoint report")).findFirst().orElseThrow();
    // core alone: only core's rules' columns (paging, input); no module absent leaves a column
    assertThat(report).contains(
        "POST /echo/items | paging: - | input: List<Item> max 100 (bounded)",
        "POST /echo/item-array | paging: - | input: Item[] max 100 (bounded)",
        "POST /echo | paging: - | input: Person (bounded)",
        "POST /echo/profile | paging: - | input: Profile (bounded)")
        .doesNotContain("who:", "owned:", "rate limit:");
  }
}
