package dev.gatehouse.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's runtime matrix has one row per check of the contracts (the one every runtime runs,
 * the JPA one of the runtimes with JTA, and the one with a real Keycloak's tokens), and a column
 * per runtime.
 */
class RuntimeMatrixReadmeTest {

  private static final List<String> RUNTIMES = List.of("Jersey + Weld SE", "Quarkus REST",
      "Quarkus RESTEasy classic", "WildFly 39", "Payara Micro 6");

  @Test
  void theReadmeMatrixListsEveryContractCheckForEveryRuntime() throws IOException {
    String readme = Files.readString(Path.of("../../README.md"));
    int start = readme.indexOf("| check | " + String.join(" | ", RUNTIMES) + " |");
    assertThat(start).as("the matrix header").isNotNegative();
    List<String> rows = readme.substring(start).lines().skip(2)
        .takeWhile(l -> l.startsWith("|")).filter(l -> !l.startsWith("| time"))
        .toList();
    long checks = java.util.stream.Stream.of(RuntimeContract.class, OwnedEntityContract.class,
            IdentityProviderContract.class)
        .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
        .filter((Method m) -> m.isAnnotationPresent(Test.class)).count();
    assertThat(rows).hasSize((int) checks);
    assertThat(rows).allSatisfy(r -> assertThat(r.split("\\|", -1)).hasSize(RUNTIMES.size() + 3));
  }
}
