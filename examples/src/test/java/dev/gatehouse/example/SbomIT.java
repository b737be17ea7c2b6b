package dev.gatehouse.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CycloneDX SBOM the build writes at {@code target/bom.json} (issue 15) describes what the
 * service really runs with: every jar in {@code target/lib}, the class path of
 * {@code java -jar target/gatehouse-example.jar}, is a component of the SBOM whose SHA-256 is the
 * digest of that very file.
 *
 * <p>cyclonedx-maven-plugin declares that it needs online mode, so under {@code mvn -o} Maven
 * skips it: then, and only then, these tests report themselves skipped.
 */
class SbomIT {

  static final Path BOM = Path.of("target", "bom.json");
  static final Path LIB = Path.of("target", "lib");

  static JsonNode bom;

  @BeforeAll
  static void readTheSbom() throws IOException {
    assumeFalse("settings.offline=true".equals(System.getProperty("gatehouse.maven-offline"))
        && !Files.exists(BOM),
        "Maven runs offline (-o): it skips cyclonedx-maven-plugin, which declares it needs"
            + " online mode, so there is no " + BOM + " to check");
    assertThat(BOM).as("the package phase writes the SBOM (cyclonedx-maven-plugin, root pom)")
        .isRegularFile();
    bom = new ObjectMapper().readTree(BOM.toFile());
  }

  @Test
  void theSbomIsCycloneDxAboutTheExample() {
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.path("metadata").path("component").path("name").asText())
        .isEqualTo("gatehouse-example");
  }

  @Test
  void everyLibraryOnTheServicesClassPathIsInTheSbomWithTheSha256OfThatFile() throws Exception {
    Map<String, List<String>> sha256ByFileName = new HashMap<>();
    for (JsonNode component : bom.path("components")) {
      List<String> digests = new ArrayList<>();
      for (JsonNode hash : component.path("hashes")) {
        if ("SHA-256".equals(hash.path("alg").asText())) {
          digests.add(hash.path("content").asText());
        }
      }
      sha256ByFileName.merge(fileName(component), digests, (a, b) -> {
        a.addAll(b);
        return a;
      });
    }

    List<Path> jars;
    try (Stream<Path> files = Files.list(LIB)) {
      jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    }
    // Jetty, Jersey, Weld, Hibernate, the Gatehouse modules...: far more than a handful
    assertThat(jars).as("the runtime libraries copied to " + LIB).hasSizeGreaterThan(50);
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      assertThat(sha256ByFileName.get(name))
          .as("%s is on the service's class path: the SBOM must list it with its SHA-256", name)
          .isNotNull()
          .contains(sha256(jar));
    }
  }

  /** The name maven-dependency-plugin's copy-dependencies gives the component's jar. */
  private static String fileName(JsonNode component) {
    String purl = component.path("purl").asText();
    String classifier = "";
    int at = purl.indexOf("classifier=");
    if (at >= 0) {
      int end = purl.indexOf('&', at);
      classifier = "-" + purl.substring(at + "classifier=".length(), end < 0 ? purl.length() : end);
    }
    return component.path("name").asText() + "-" + component.path("version").asText() + classifier
        + ".jar";
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }
}
