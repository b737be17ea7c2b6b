package dev.gatehouse.buildchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeAll;

/**
 * Reproducible artifacts (issue 15): embedded, testkit and core are built a second time from a
 * copy of their sources in another directory, and each jar must be byte for byte the jar this
 * build made (core's holds a Jandex index too). It rests on the root pom's
 * project.build.outputTimestamp; .ci/reproducible.sh compares every module's jar the same way.
 */
class ReproducibleJarsIT {

  static final String VERSION = "0.1.0-SNAPSHOT";
  static final Path COPY = Path.of("target", "rebuild").toAbsolutePath();

  @BeforeAll
  static void buildACopyOfTheSources() throws Exception {
    deleteRecursively(COPY);
    Files.createDirectories(COPY);
    Files.copy(Maven.ROOT.resolve("pom.xml"), COPY.resolve("pom.xml"));
    copyTree(Maven.ROOT.resolve(".mvn"), COPY.resolve(".mvn"));
    for (String module : List.of("embedded", "testkit", "core")) {
      Files.createDirectories(COPY.resolve(module));
      Files.copy(Maven.ROOT.resolve(module).resolve("pom.xml"), COPY.resolve(module).resolve("pom.xml"));
      copyTree(Maven.ROOT.resolve(module).resolve("src"), COPY.resolve(module).resolve("src"));
    }
    // an aggregator of the three; their parent stays the copied root pom (../pom.xml)
    Files.writeString(COPY.resolve("rebuild.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.gatehouse</groupId>
          <artifactId>gatehouse-rebuild</artifactId>
          <version>%s</version>
          <packaging>pom</packaging>
          <modules>
            <module>embedded</module>
            <module>testkit</module>
            <module>core</module>
          </modules>
        </project>
        """.formatted(VERSION));
    // only the jars matter here: the gates that do not change a jar's bytes are left out
    Maven.Result result = Maven.run(COPY, COPY.resolve("build.log"), "-f", "rebuild.xml",
        "-Dmaven.test.skip=true", "-Dgatehouse.lock.skip=true", "-Dcyclonedx.skip=true",
        "-Denforcer.skip=true", "package");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "testkit", "core"})
  void aSecondBuildOfTheSameSourcesGivesTheSameJar(String module) throws Exception {
    String jar = "gatehouse-" + module + "-" + VERSION + ".jar";
    Path first = Maven.ROOT.resolve(module).resolve("target").resolve(jar);
    Path second = COPY.resolve(module).resolve("target").resolve(jar);
    assertThat(first).as("this build's jar (run mvn verify with -am)").isRegularFile();
    assertThat(second).isRegularFile();

    assertThat(sha256(second))
        .as("%s differs between two builds of one commit; entries that differ: %s", jar,
            differingEntries(first, second))
        .isEqualTo(sha256(first));
  }

  private static List<String> differingEntries(Path a, Path b) throws IOException {
    List<String> differences = new ArrayList<>();
    try (ZipFile first = new ZipFile(a.toFile()); ZipFile second = new ZipFile(b.toFile())) {
      for (ZipEntry entry : first.stream().toList()) {
        ZipEntry other = second.getEntry(entry.getName());
        if (other == null || other.getCrc() != entry.getCrc()
            || other.getTime() != entry.getTime()) {
          differences.add(entry.getName());
        }
      }
      second.stream().filter(e -> first.getEntry(e.getName()) == null)
          .forEach(e -> differences.add(e.getName() + " (only in the second)"));
    }
    return differences;
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
