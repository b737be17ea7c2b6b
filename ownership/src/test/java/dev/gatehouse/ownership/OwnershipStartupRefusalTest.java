package dev.gatehouse.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ownership.support.Apps;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnershipStartupRefusalTest {

  /** A type nobody resolves. */
  public static class Invoice {
  }

  /** Owns a type without a resolver. */
  @Path("/invoices")
  public static class Invoices {
    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    public String get(@PathParam("id") @Owned Invoice invoice) {
      return "x";
    }
  }

  /** An unowned id without a reason. */
  @Path("/shared")
  public static class Shared {
    @GET
    @Path("/{id}")
    @RolesAllowed("**")
    public String get(@PathParam("id") @Unowned(" ") String id) {
      return id;
    }
  }

  /** Changes an owned note in a JTA transaction, without gatehouse-ownership-jta. */
  @Path("/tx-notes")
  public static class TransactionalNotes {
    @PUT
    @Path("/{id}")
    @RolesAllowed("**")
    @Transactional
    public String rename(@PathParam("id") @Owned dev.gatehouse.ownership.support.Notes.Note note) {
      return "x";
    }
  }

  /** The same method with @Transactional(SUPPORTS): it runs in no transaction of its own. */
  @Path("/supports-notes")
  public static class SupportsNotes {
    @PUT
    @Path("/{id}")
    @RolesAllowed("**")
    @Transactional(Transactional.TxType.SUPPORTS)
    public String rename(@PathParam("id") @Owned dev.gatehouse.ownership.support.Notes.Note note) {
      return "x";
    }
  }

  private static List<String> problems(EmbeddedServer.Builder builder) {
    return builder.build().refusal(GatehouseConfigException.class).problems();
  }

  @Test
  void refusesAnOwnedTypeWithoutAResolver() {
    assertThat(problems(Apps.server().register(Invoices.class))).containsExactly(
        "@Owned Invoice needs a bean implementing OwnershipResolver<Invoice>: a query that finds"
            + " the object only for its owner (where id = :id and owner = :owner)");
  }

  @Test
  void refusesAnOwnedEntityOfATransactionalMethodThatWouldArriveDetached() {
    assertThat(problems(Apps.notes().register(TransactionalNotes.class))).containsExactly(
        "TransactionalNotes#rename: its @Owned Note is resolved before the transaction of"
            + " @Transactional(REQUIRED) begins, so the method would get a detached entity (changes"
            + " not saved, remove refused); add the dependency dev.gatehouse:gatehouse-ownership-jta,"
            + " which resolves it again inside the transaction");
  }

  @Test
  void startsAnOwnedMethodThatRunsInNoTransaction() {
    try (EmbeddedServer server = Apps.notes().register(SupportsNotes.class).build().start()) {
      assertThat(server.baseUri()).isNotNull();
    }
  }

  @Test
  void refusesAnUnownedIdWithoutAReason() {
    assertThat(problems(Apps.server().register(Shared.class))).containsExactly(
        "Shared#get: owned-id: @Unowned on \"id\" gives no reason — say why anyone may use this"
            + " id, e.g. @Unowned(\"profiles are public\")");
  }
}
