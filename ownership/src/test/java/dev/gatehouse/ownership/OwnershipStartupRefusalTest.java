package dev.gatehouse.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.ownership.support.Apps;
import dev.gatehouse.testkit.EmbeddedServer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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
  void refusesAnUnownedIdWithoutAReason() {
    assertThat(problems(Apps.server().register(Shared.class))).containsExactly(
        "Shared#get: owned-id: @Unowned on \"id\" gives no reason — say why anyone may use this"
            + " id, e.g. @Unowned(\"profiles are public\")");
  }
}
