package dev.gatehouse.jwt.readme;

// readme:jwt-settings-imports
import dev.gatehouse.jwt.GatehouseJwtFeature;
import dev.gatehouse.jwt.JwtSettings;
// readme:end
import org.glassfish.jersey.server.ResourceConfig;

/** A Jersey application that gives gatehouse-jwt its settings in code. */
public class JwtApp extends ResourceConfig {
  private final byte[] secretBytesFromYourVault = new byte[32];

  public JwtApp() {
    // readme:jwt-settings-register
    register(new GatehouseJwtFeature(JwtSettings.builder()
        .issuer("https://notes.example.com").audience("notes-api")
        .hmacSecret(secretBytesFromYourVault)          // 32+ random bytes for HS256
        .build()));
    // readme:end
  }
}
