package dev.gatehouse.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak distribution a {@link KeycloakProcess} runs from: the zip Maven copied (system
 * property {@value #ZIP_PROPERTY}) unpacked once into
 * {@code <java.io.tmpdir>/gatehouse-keycloak/<first 16 hex digits of the zip's SHA-256>/slot-N/}
 * and reused by every later run, so Keycloak's own build step (its Quarkus augmentation, 25 to
 * 70 s, written into the unpacked {@code lib/quarkus}) is paid once per machine, not once per
 * module or build.
 *
 * <p>One Keycloak runs from a slot at a time: Keycloak keeps its data (transaction logs, the
 * imported realm file) inside its home directory and has no setting to move it. A JVM therefore
 * holds an exclusive file lock on its slot for as long as it lives; a second JVM (another module
 * built in parallel, another checkout on the same machine) takes the next free slot and unpacks it
 * if needed. A slot counts as unpacked only when its marker file exists, written after the last
 * entry, so an unpacking cut short is redone.
 */
final class KeycloakDist {

  /** The zip the build copied; see the root pom's {@code keycloak-dist} execution. */
  static final String ZIP_PROPERTY = "gatehouse-test.keycloak-zip";
  /** Where slots are unpacked; {@code <java.io.tmpdir>/gatehouse-keycloak} unless set. */
  static final String DIR_PROPERTY = "gatehouse-test.keycloak-dir";

  private static final String MARKER = ".gatehouse-unpacked";
  private static final String PID_FILE = ".gatehouse-keycloak.pid";
  private static final int MAX_SLOTS = 16;

  private final Path home;
  private final FileChannel lockChannel;
  private final long unpackMillis;

  private KeycloakDist(Path home, FileChannel lockChannel, long unpackMillis) {
    this.home = home;
    this.lockChannel = lockChannel;
    this.unpackMillis = unpackMillis;
  }

  /**
   * Locks a free slot for this JVM, unpacking the zip into it unless it already is; kills a
   * Keycloak a dead JVM left running from that slot.
   *
   * @throws IllegalStateException when the zip property is unset or names no file
   */
  static KeycloakDist acquire() {
    return acquire(zip(), Path.of(System.getProperty(DIR_PROPERTY,
        Path.of(System.getProperty("java.io.tmpdir"), "gatehouse-keycloak").toString())));
  }

  /** {@link #acquire()} with the zip and the directory of slots given. */
  static KeycloakDist acquire(Path zip, Path slots) {
    Path root = slots.resolve(sha256(zip).substring(0, 16));
    try {
      Files.createDirectories(root);
      for (int n = 0; n < MAX_SLOTS; n++) {
        Path slot = root.resolve("slot-" + n);
        FileChannel channel = FileChannel.open(root.resolve("slot-" + n + ".lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (!locked(channel)) {
          channel.close();
          continue;
        }
        try {
          killLeftover(slot);
          long start = System.nanoTime();
          boolean unpacked = Files.exists(slot.resolve(MARKER));
          if (!unpacked) {
            unpack(zip, slot);
          }
          long millis = unpacked ? 0 : (System.nanoTime() - start) / 1_000_000;
          return new KeycloakDist(homeIn(slot), channel, millis);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack " + zip + " under " + root, e);
    }
    throw new IllegalStateException("all " + MAX_SLOTS + " Keycloak slots under " + root
        + " are locked by other JVMs");
  }

  /** Whether this JVM now holds the slot's lock; false when another JVM or this one holds it. */
  private static boolean locked(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException heldInThisJvm) {
      return false;
    }
  }

  /** The unpacked {@code keycloak-<version>} directory, with {@code bin/kc.sh}. */
  Path home() {
    return home;
  }

  /** How long unpacking took in this JVM; 0 when the slot was unpacked already. */
  long unpackMillis() {
    return unpackMillis;
  }

  /** Remembers Keycloak's pid, so a Keycloak whose JVM was killed is killed by the next user. */
  void recordPid(long pid) {
    try {
      Files.writeString(home.getParent().resolve(PID_FILE), Long.toString(pid),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Gives the slot back; the lock also goes with the JVM, however it ends. */
  void release() {
    try {
      lockChannel.close();
    } catch (IOException ignored) {
      // the JVM is exiting; the operating system drops the lock with the process
    }
  }

  static Path zip() {
    String value = System.getProperty(ZIP_PROPERTY, System.getenv("GATEHOUSE_TEST_KEYCLOAK_ZIP"));
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("no Keycloak to start: set the system property "
          + ZIP_PROPERTY + " to the keycloak-quarkus-dist zip (the build does it for a module that "
          + "sets <gatehouse.keycloak.skip>false</gatehouse.keycloak.skip>: its zip is then in "
          + "target/keycloak/), or point " + KeycloakTestServer.URL_ENV + " at a running Keycloak");
    }
    Path zip = Path.of(value);
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(ZIP_PROPERTY + ": " + zip + " is not a file; run the "
          + "module's integration tests through Maven (mvn verify), whose keycloak-dist execution "
          + "copies it there");
    }
    return zip;
  }

  private static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file),
        MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void unpack(Path zip, Path slot) throws IOException {
    deleteRecursively(slot);
    Files.createDirectories(slot);
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : archive.stream().toList()) {
        Path target = slot.resolve(entry.getName()).normalize();
        if (!target.startsWith(slot)) {
          throw new IOException(zip + " has an entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = archive.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        // java.util.zip drops the Unix modes; the launch scripts are the ones that need theirs
        if (entry.getName().endsWith(".sh")) {
          Set<PosixFilePermission> modes = EnumSet.copyOf(Files.getPosixFilePermissions(target));
          modes.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE,
              PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
          Files.setPosixFilePermissions(target, modes);
        }
      }
    }
    homeIn(slot);
    Files.writeString(slot.resolve(MARKER), zip.getFileName().toString(), StandardCharsets.UTF_8);
  }

  private static Path homeIn(Path slot) {
    try (Stream<Path> children = Files.list(slot)) {
      return children.filter(p -> Files.isRegularFile(p.resolve("bin").resolve("kc.sh")))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(slot + " holds no keycloak-*/bin/kc.sh"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Keycloak still running from this slot outlived its JVM (SIGKILL): it must not share it. */
  private static void killLeftover(Path slot) throws IOException {
    Path pidFile = slot.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
    String slotPath = slot.toString();
    Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
        .filter(p -> p.info().commandLine().map(c -> c.contains(slotPath)).orElse(false));
    if (leftover.isPresent()) {
      KeycloakProcess.killTree(leftover.get());
    }
    Files.delete(pidFile);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
