package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The unpacked distribution is reused, never shared by two holders at once, unpacked again when an
 * earlier unpacking did not finish, and freed of a Keycloak a killed JVM left behind. Each test
 * unpacks the real zip into a directory of its own (about 1 s and 190 MB per slot).
 */
class KeycloakDistIT {

  private Path slots;

  @BeforeEach
  void directory() throws IOException {
    slots = Files.createTempDirectory("keycloak-dist-it");
  }

  @AfterEach
  void delete() throws IOException {
    KeycloakDist.deleteRecursively(slots);
  }

  @Test
  void aReleasedSlotIsReusedWithoutUnpackingAgain() {
    KeycloakDist first = KeycloakDist.acquire(KeycloakDist.zip(), slots);
    Path home = first.home();
    assertThat(home.resolve("bin").resolve("kc.sh")).isExecutable();
    assertThat(first.unpackMillis()).isPositive();
    first.release();

    KeycloakDist again = KeycloakDist.acquire(KeycloakDist.zip(), slots);
    try {
      assertThat(again.home()).isEqualTo(home);
      assertThat(again.unpackMillis()).isZero();
    } finally {
      again.release();
    }
  }

  @Test
  void aSecondHolderGetsASlotOfItsOwn() {
    KeycloakDist first = KeycloakDist.acquire(KeycloakDist.zip(), slots);
    KeycloakDist second = KeycloakDist.acquire(KeycloakDist.zip(), slots);
    try {
      assertThat(second.home()).isNotEqualTo(first.home());
      assertThat(second.home().getParent().getFileName()).hasToString("slot-1");
    } finally {
      first.release();
      second.release();
    }
  }

  @Test
  void aSlotWhoseUnpackingWasCutShortIsUnpackedAgain() throws IOException {
    KeycloakDist first = KeycloakDist.acquire(KeycloakDist.zip(), slots);
    Path slot = first.home().getParent();
    first.release();
    Files.delete(slot.resolve(".gatehouse-unpacked"));
    Files.delete(first.home().resolve("bin").resolve("kc.sh"));

    KeycloakDist again = KeycloakDist.acquire(KeycloakDist.zip(), slots);
    try {
      assertThat(again.unpackMillis()).isPositive();
      assertThat(again.home().resolve("bin").resolve("kc.sh")).isExecutable();
    } finally {
      again.release();
    }
  }

  @Test
  void aProcessLeftRunningFromTheSlotIsKilledByItsNextHolder() throws Exception {
    KeycloakDist first = KeycloakDist.acquire(KeycloakDist.zip(), slots);
    // stands for a Keycloak whose JVM was killed: its command line names the slot, as kc.sh's does
    Process leftover = new ProcessBuilder("sh", "-c", "sleep 600; :", first.home().toString())
        .start();
    first.recordPid(leftover.pid());
    first.release();

    KeycloakDist next = KeycloakDist.acquire(KeycloakDist.zip(), slots);
    try {
      assertThat(leftover.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try (Stream<Path> files = Files.list(next.home().getParent())) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .doesNotContain(".gatehouse-keycloak.pid");
      }
    } finally {
      leftover.destroyForcibly();
      next.release();
    }
  }
}
