package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gatehouse.embedded.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code EXAMPLE_DB_PASSWORD_FILE}: the example reaches a database that requires a password with
 * the password from a mounted file (line ending dropped), and a wrong, empty or missing file stops
 * the start without showing the password.
 */
class DbPasswordFileIT {

  private static final String PASSWORD = HexFormat.of().formatHex(new SecureRandom()
      .generateSeed(16));

  @TempDir
  static Path dir;
  static String url;

  /** A database whose owner {@code notes} has {@link #PASSWORD}, as a PostgreSQL would be. */
  @BeforeAll
  static void createDatabase() throws Exception {
    url = "jdbc:h2:file:" + dir.resolve("notes");
    try (Connection c = DriverManager.getConnection(url, "notes", PASSWORD)) {
      assertThat(c.isValid(5)).isTrue();
    }
  }

  private static Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private static EmbeddedServer start(Path passwordFile) {
    return Main.start(Map.of("PORT", "0", "HOST", "127.0.0.1"), Map.of(
        "example.db.url", url, "example.db.user", "notes",
        "example.db.password-file", passwordFile.toString()));
  }

  @Test
  void thePasswordFromAMountedFileOpensTheDatabase() throws Exception {
    EmbeddedServer server = start(file("db-password", PASSWORD + "\n"));
    try {
      Client client = new Client("http://127.0.0.1:" + server.port());
      String email = Client.uniqueEmail("file");
      client.register(email, "a long enough password").statusCode(201);
      client.login(email, "a long enough password").statusCode(200);
    } finally {
      server.stop();
    }
  }

  @Test
  void aWrongPasswordStopsTheStartWithoutShowingIt() throws Exception {
    Throwable refused = catchThrowable(() -> start(file("wrong", PASSWORD + "0\n")));
    assertThat(Main.reason(refused)).contains("Wrong user name or password")
        .doesNotContain(PASSWORD);
  }

  @Test
  void anEmptyOrMissingFileStopsTheStartNamingTheProperty() throws Exception {
    Path empty = file("empty", "\n");
    assertThat(Main.reason(catchThrowable(() -> start(empty)))).isEqualTo(
        "Gatehouse refuses to start: example.db.password-file: \"" + empty + "\" is empty; write"
            + " the secret into it (a newline at its end is ignored)");
    Path missing = dir.resolve("missing");
    assertThat(Main.reason(catchThrowable(() -> start(missing)))).isEqualTo(
        "Gatehouse refuses to start: example.db.password-file: \"" + missing + "\" does not"
            + " exist; mount the secret there or fix the path");
  }
}
