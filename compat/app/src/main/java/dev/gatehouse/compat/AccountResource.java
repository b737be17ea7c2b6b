package dev.gatehouse.compat;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A response type annotated for JSON-B, the way a WildFly or Payara service writes it: a property
 * hidden with {@code @JsonbTransient}, one renamed with {@code @JsonbProperty}.
 */
@Path("account")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

  /** An account as this API shows it. */
  public static class Account {
    private String displayName = "Alice";
    private String passwordHash = "$argon2id$secret-hash";

    @JsonbProperty("display_name")
    public String getDisplayName() {
      return displayName;
    }

    public void setDisplayName(String displayName) {
      this.displayName = displayName;
    }

    @JsonbTransient
    public String getPasswordHash() {
      return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
      this.passwordHash = passwordHash;
    }
  }

  @GET
  @PermitAll
  public Account account() {
    return new Account();
  }
}
