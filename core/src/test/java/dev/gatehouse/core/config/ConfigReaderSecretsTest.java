package dev.gatehouse.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.LogCapture;
import dev.gatehouse.testkit.PackagedConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets as files (as Kubernetes, Docker and Vault Agent mount them) and secrets refused because
 * a configuration file packaged inside the application holds them. The embedded-server tests of
 * the jwt module prove the same over HTTP; these pin every refusal's wording.
 */
class ConfigReaderSecretsTest {

  private static final String NAME = "gatehouse.test.password";
  private static final String FILE = "gatehouse.test.password-file";
  private static final String SECRET = "s3cret-Value_42";

  @RegisterExtension
  final LogCapture log = LogCapture.of("dev.gatehouse.config");

  @TempDir
  Path dir;

  private static Config config(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(values, "EnvConfigSource", 300)).build();
  }

  private static Config packaged(PackagedConfig packaged, Map<String, String> outside) {
    return new SmallRyeConfigBuilder().forClassLoader(packaged.classLoader()).addDefaultSources()
        .addDefaultInterceptors()
        .withSources(new PropertiesConfigSource(outside, "EnvConfigSource", 300)).build();
  }

  private record Outcome(Optional<String> value, java.util.List<String> problems) {
  }

  private static Outcome secret(Config config) {
    ConfigReader in = ConfigReader.of(config);
    Optional<String> value = in.secret(NAME, FILE);
    return new Outcome(value, in.problems());
  }

  private Outcome fromFile(byte[] content) throws Exception {
    Path file = dir.resolve("password");
    Files.write(file, content);
    return secret(config(Map.of(FILE, file.toString())));
  }

  @Test
  void aMountedFileLosesTheLineEndingAtItsEndAndNothingElse() throws Exception {
    assertThat(fromFile((SECRET + "\n").getBytes(StandardCharsets.UTF_8)).value())
        .contains(SECRET);
    assertThat(fromFile((SECRET + "\r\n").getBytes(StandardCharsets.UTF_8)).value())
        .contains(SECRET);
    assertThat(fromFile(SECRET.getBytes(StandardCharsets.UTF_8)).value()).contains(SECRET);
    assertThat(fromFile((" pass word \n").getBytes(StandardCharsets.UTF_8)).value())
        .as("spaces are part of a password").contains(" pass word ");
  }

  @Test
  void anEmptyOversizedOrBinaryFileOrADirectoryIsRefusedNamingThePathNeverTheContent()
      throws Exception {
    Path file = dir.resolve("password");
    assertThat(fromFile("\n".getBytes(StandardCharsets.UTF_8)).problems()).containsExactly(
        FILE + ": \"" + file + "\" is empty; write the secret into it (a newline at its end is"
            + " ignored)");
    assertThat(fromFile(new byte[0]).problems()).hasSize(1);
    byte[] huge = new byte[SecretFile.MAX_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) 'a');
    assertThat(fromFile(huge).problems()).containsExactly(FILE + ": \"" + file + "\" is larger"
        + " than 1048576 bytes, too large for a secret; check that it names the secret's file");
    assertThat(fromFile(new byte[] {'s', (byte) 0xC3, (byte) 0x28, 'x'}).problems())
        .containsExactly(FILE + ": \"" + file + "\" is not UTF-8 text; write the secret as text"
            + " (base64 for binary keys)");
    assertThat(secret(config(Map.of(FILE, dir.toString()))).problems()).containsExactly(
        FILE + ": \"" + dir + "\" is a directory; name the file inside it that holds the secret,"
            + " e.g. " + dir.resolve("password"));
    Outcome missing = secret(config(Map.of(FILE, dir.resolve("nope").toString())));
    assertThat(missing.value()).isEmpty();
    assertThat(missing.problems()).containsExactly(FILE + ": \"" + dir.resolve("nope")
        + "\" does not exist; mount the secret there or fix the path");
  }

  @Test
  void aValueAndAFileTogetherAreRefusedWithoutShowingEither() throws Exception {
    Path file = dir.resolve("password");
    Files.writeString(file, SECRET);
    Outcome both = secret(config(Map.of(NAME, SECRET, FILE, file.toString())));
    assertThat(both.value()).isEmpty();
    assertThat(both.problems()).containsExactly(NAME + ": and " + FILE + " are both set; keep one"
        + " (the file, e.g. a mounted secret)");
  }

  @Test
  void aSecretFromTheEnvironmentOrASystemPropertyIsAccepted() {
    assertThat(secret(config(Map.of(NAME, SECRET))))
        .isEqualTo(new Outcome(Optional.of(SECRET), java.util.List.of()));
    System.setProperty(NAME, SECRET);
    try {
      Config sysProps = new SmallRyeConfigBuilder().addDefaultSources().build();
      assertThat(secret(sysProps)).isEqualTo(new Outcome(Optional.of(SECRET), java.util.List.of()));
    } finally {
      System.clearProperty(NAME);
    }
  }

  @Test
  void aSecretPackagedInAJarIsRefusedNamingTheSourceAndTheWaysToSupplyIt() {
    Outcome o = secret(packaged(PackagedConfig.inJar(Map.of(NAME, SECRET)), Map.of()));
    assertThat(o.value()).isEmpty();
    assertThat(o.problems()).singleElement().asString()
        .startsWith(NAME + ": comes from PropertiesConfigSource[source=jar:file:")
        .contains("!/META-INF/microprofile-config.properties] (ordinal 100), a configuration file"
            + " packaged inside the application, so the secret is in the repository and in every"
            + " copy of the artifact. Delete it there, rotate it, and supply it at run time: the"
            + " environment variable GATEHOUSE_TEST_PASSWORD, a mounted file named by " + FILE
            + " (Kubernetes or Docker secret, Vault Agent), or a secrets manager that feeds"
            + " MicroProfile Config; a test may set gatehouse.secrets.allow-packaged=true")
        .doesNotContain(SECRET);
  }

  @Test
  void aPackagedSecretIsRefusedEvenWhenTheEnvironmentOverridesIt() {
    Outcome o = secret(packaged(PackagedConfig.inClassesFolder(Map.of(NAME, "committed-once")),
        Map.of(NAME, SECRET)));
    assertThat(o.problems()).singleElement().asString()
        .startsWith(NAME + ": is also set in PropertiesConfigSource[source=file:")
        .contains("/META-INF/microprofile-config.properties] (ordinal 100), a configuration file"
            + " packaged inside the application (a value from another source overrides it)")
        .doesNotContain("committed-once").doesNotContain(SECRET);
  }

  @Test
  void aReferenceToAnotherPropertyIsNoSecret() {
    Outcome o = secret(packaged(PackagedConfig.inJar(Map.of(NAME, "${DB_PASSWORD}")),
        Map.of("DB_PASSWORD", SECRET)));
    assertThat(o).isEqualTo(new Outcome(Optional.of(SECRET), java.util.List.of()));
    assertThat(secret(packaged(PackagedConfig.inJar(Map.of(NAME, "${DB_PASSWORD:fallback}")),
        Map.of())).problems()).as("a default is a committed value").hasSize(1);
  }

  @Test
  void allowPackagedAcceptsItWithAWarningThatNamesTheSourceNotTheSecret() {
    Outcome o = secret(packaged(PackagedConfig.inJar(Map.of(NAME, SECRET)),
        Map.of(ConfigReader.ALLOW_PACKAGED_SECRETS, "true")));
    assertThat(o).isEqualTo(new Outcome(Optional.of(SECRET), java.util.List.of()));
    assertThat(log.messages(Level.WARNING)).singleElement().asString()
        .startsWith(NAME + " comes from PropertiesConfigSource[source=jar:file:")
        .endsWith("a configuration file packaged inside the application; accepted because"
            + " gatehouse.secrets.allow-packaged=true. Never ship a production secret this way:"
            + " set GATEHOUSE_TEST_PASSWORD or " + FILE + " instead")
        .doesNotContain(SECRET);
  }

  @Test
  void theFilePathIsNoSecretWhereverItIsConfigured() throws Exception {
    Path file = dir.resolve("password");
    Files.writeString(file, SECRET + "\n");
    assertThat(secret(packaged(PackagedConfig.inJar(Map.of(FILE, file.toString())), Map.of())))
        .isEqualTo(new Outcome(Optional.of(SECRET), java.util.List.of()));
  }
  /** {@link #secret} with the packaged file on the thread's class loader, as a runtime has it. */
  private static Outcome packagedSecret(PackagedConfig packaged) {
    return packaged.run(() -> secret(packaged(packaged, Map.of())));
  }

  @Test
  void aSecretInApplicationPropertiesIsRefused() {
    Outcome o = packagedSecret(PackagedConfig.inJar("application.properties", NAME + "=" + SECRET));
    assertThat(o.value()).isEmpty();
    assertThat(o.problems()).singleElement().asString()
        .startsWith(NAME + ": comes from PropertiesConfigSource[source=jar:file:")
        .contains("!/application.properties] (ordinal 250), a configuration file packaged inside"
            + " the application, so the secret is in the repository")
        .doesNotContain(SECRET);
  }

  @Test
  void aProfilesSecretIsRefusedUnlessTheProfileIsDevOrTest() {
    assertThat(packagedSecret(PackagedConfig.inJar("application.properties",
        "%prod." + NAME + "=" + SECRET)).problems()).singleElement().asString()
        .startsWith(NAME + ": is set in PropertiesConfigSource[source=jar:file:")
        .contains("!/application.properties] (ordinal 250), a configuration file packaged inside"
            + " the application as %prod." + NAME + ", so the secret is in the repository")
        .doesNotContain(SECRET);
    assertThat(packagedSecret(PackagedConfig.inJar("META-INF/microprofile-config.properties",
        "%staging,test." + NAME + "=" + SECRET)).problems()).hasSize(1);
    assertThat(packagedSecret(PackagedConfig.inJar("application.properties",
        "%dev." + NAME + "=" + SECRET + "\n%test." + NAME + "=" + SECRET + "\n%dev,test." + NAME
            + "=" + SECRET + "\n")))
        .as("Quarkus runs dev and test from sources, never from the artifact")
        .isEqualTo(new Outcome(Optional.empty(), java.util.List.of()));
  }

  @Test
  void aSecretNestedInApplicationYamlIsRefused() {
    assertThat(packagedSecret(PackagedConfig.inJar("application.yaml", """
        gatehouse:
          test:
            password: %s
        """.formatted(SECRET))).problems()).singleElement().asString()
        .startsWith(NAME + ": is set in jar:file:").contains("!/application.yaml, a")
        .doesNotContain(SECRET);
    assertThat(packagedSecret(PackagedConfig.inJar("application.yml", """
        "%%prod":
          gatehouse:
            test:
              password: %s
        """.formatted(SECRET))).problems()).singleElement().asString()
        .contains("!/application.yml, a configuration file packaged inside the application as"
            + " %prod." + NAME);
  }

  @Test
  void aReferenceInApplicationYamlIsNoSecret() {
    assertThat(packagedSecret(PackagedConfig.inJar("application.yaml", """
        gatehouse:
          test:
            password: ${DB_PASSWORD}
        """)).problems()).isEmpty();
  }
}
