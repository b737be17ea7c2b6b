package dev.gatehouse.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ownership.support.Apps;
import dev.gatehouse.ownership.support.Notes;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.LogCapture;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.logging.Level;
import org.jboss.resteasy.reactive.RestPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ids bound the way Quarkus REST lets an existing service bind them — by Quarkus's own
 * {@code @RestPath}, or by the parameter's name alone — are ids like any {@code @PathParam}: the
 * owned-id rule fires for them, and {@code @Owned} reads a {@code @RestPath} one. An {@code @Owned}
 * parameter bound by its name alone is refused: only Quarkus REST reads it from the path.
 */
class RuntimeBoundIdsTest {

  @RegisterExtension
  final LogCapture lint = LogCapture.of("dev.gatehouse.lint");

  /** Ids that name objects, neither owned nor deliberately public. */
  @Path("/orders")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Unchecked {
    @GET
    @Path("/{id}")
    @PermitAll
    public Map<String, Long> byName(long id) {
      return Map.of("id", id);
    }

    @GET
    @Path("/{orderId}/lines")
    @PermitAll
    public Map<String, Long> byRestPath(@RestPath long orderId) {
      return Map.of("id", orderId);
    }
  }

  /** An owned note whose id is bound by Quarkus's {@code @RestPath}. */
  @Path("/quarkus-notes")
  @Produces(MediaType.APPLICATION_JSON)
  public static class Owning {
    @GET
    @Path("/{id}")
    @PermitAll
    public Map<String, String> byRestPath(@RestPath("id") @Owned Notes.Note note) {
      return Map.of("title", note.title);
    }
  }

  /**
   * An owned note bound by its name alone: a path parameter on Quarkus REST, the request body on
   * Jersey (this test's runtime) and every other runtime.
   */
  @Path("/named-notes")
  @Produces(MediaType.APPLICATION_JSON)
  public static class OwningByName {
    @GET
    @Path("/{noteId}/title")
    @PermitAll
    public Map<String, String> byName(@Owned Notes.Note noteId) {
      return Map.of("title", noteId.title);
    }
  }

  @Test
  void idsBoundByNameOrByRestPathMustBeOwnedOrUnowned() {
    GatehouseConfigException refusal = Apps.server().register(Unchecked.class).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refusal.problems()).containsExactlyInAnyOrder(
        "Unchecked#byName: owned-id: path parameter \"id\" names an object but is neither @Owned"
            + " nor @Unowned — resolve it with @Owned (owner-checked) or mark it"
            + " @Unowned(\"why it is public\")",
        "Unchecked#byRestPath: owned-id: path parameter \"orderId\" names an object but is"
            + " neither @Owned nor @Unowned — resolve it with @Owned (owner-checked) or mark it"
            + " @Unowned(\"why it is public\")");
  }

  @Test
  void anOwnedParameterBoundByItsNameAloneIsRefusedAsItWouldBeTheBodyOutsideQuarkusRest() {
    GatehouseConfigException refusal = Apps.server().register(OwningByName.class).build()
        .refusal(GatehouseConfigException.class);
    assertThat(refusal.problems()).containsExactly("@Owned on OwningByName#byName parameter"
        + " noteId is bound by its name alone: Quarkus REST reads it from the path, every other"
        + " runtime takes it as the request body — which must never stand in for an object"
        + " Gatehouse checked; write the binding out: @PathParam(\"noteId\") (or Quarkus's"
        + " @RestPath)");
  }

  @Test
  void ownedIdsBoundByRestPathAreReadFromThePath() {
    try (EmbeddedServer server = Apps.server().register(Owning.class).build()
        .start()) {
      // started: @Owned found its path parameter both ways
    }
    String report = lint.messages(Level.INFO).stream()
        .filter(m -> m.startsWith("Gatehouse endpoint report")).findFirst().orElseThrow();
    assertThat(report).contains("GET /quarkus-notes/{id} | who: anyone | owned: id |");
  }
}
