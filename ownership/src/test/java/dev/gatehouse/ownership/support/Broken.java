package dev.gatehouse.ownership.support;

import dev.gatehouse.ownership.Unowned;
import jakarta.annotation.security.PermitAll;
import jakarta.persistence.Entity;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Breaks each rule of the checklist once. */
@Path("/broken")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Broken {

  /** A persistence entity whose fields are bounded, so only the entity rule fires. */
  @Entity
  public static class Account {
    @Size(max = 40)
    public String name;
  }

  /** A request body with an unbounded string. */
  public record Comment(String text) {
  }

  @GET
  @Path("/undeclared")
  public Map<String, String> undeclared() {
    return Map.of();
  }

  @POST
  @Path("/entity-in")
  @PermitAll
  public Map<String, String> entityIn(Account account) {
    return Map.of();
  }

  @GET
  @Path("/entity-out/{id}")
  @PermitAll
  public Account entityOut(@PathParam("id") @Unowned("test") long id) {
    return new Account();
  }

  @POST
  @Path("/unbounded")
  @PermitAll
  public Map<String, String> unbounded(Comment comment) {
    return Map.of();
  }

  @GET
  @Path("/things/{thingId}")
  @PermitAll
  public Map<String, String> notOwned(@PathParam("thingId") long thingId) {
    return Map.of();
  }

  @GET
  @Path("/all")
  @PermitAll
  public List<String> unpaged() {
    return List.of();
  }
}
