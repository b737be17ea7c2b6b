import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependency lock of issue 15: compares what Maven resolved for one module (every scope, as
 * {@code dependency:list -DoutputAbsoluteArtifactFilename} wrote it) with the module's committed
 * {@code dependencies.lock}: each artifact's coordinates, scope and the SHA-256 of its file. A
 * changed version, an added or removed artifact, or a jar whose bytes are not the ones locked fails
 * the build with both lines and the command that writes the lock again.
 *
 * <p>Run by the root pom's {@code exec-maven-plugin} as a Java source program (JEP 330), so it needs
 * nothing but the JDK, works offline and is the same on every machine:
 * {@code java DependencyLock.java GROUP:ARTIFACT RESOLVED.txt dependencies.lock UPDATE}.
 *
 * <p>Why not io.github.chains-project:maven-lockfile: its generate and validate goals declare that
 * they need online mode (under {@code mvn -o} a lifecycle-bound validate is skipped, so the gate
 * would vanish offline), they resolve this reactor's own modules from the local repository (which
 * would need {@code mvn install}), and generating the locks for two modules took 5.5 minutes here.
 */
public final class DependencyLock {

  static final String REGENERATE =
      "mvn -B -Dgatehouse.lock.update=true -DskipTests test-compile";

  /** {@code g:a:type[:classifier]:version:scope:/path}, then Maven's " -- module ..." note. */
  private static final Pattern RESOLVED = Pattern.compile(
      "^\\s+([^:\\s]+:[^:\\s]+:[^:\\s]+(?::[^:\\s]+)?:[^:\\s]+:[a-z]+):(.+?)(?: \\(optional\\))?(?: -- module .*)?$");

  public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
    if (args.length != 4) {
      System.err.println("usage: java DependencyLock.java GROUP:ARTIFACT RESOLVED.txt dependencies.lock UPDATE");
      System.exit(2);
    }
    String module = args[0];
    String ownGroup = module.substring(0, module.indexOf(':')) + ":";
    Path resolved = Path.of(args[1]);
    Path lock = Path.of(args[2]);
    boolean update = Boolean.parseBoolean(args[3]);

    TreeSet<String> actual = new TreeSet<>();
    for (String line : Files.readAllLines(resolved, StandardCharsets.UTF_8)) {
      Matcher m = RESOLVED.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String coordinates = m.group(1);
      Path file = Path.of(m.group(2).trim());
      if (coordinates.startsWith(ownGroup)) {
        // this reactor's own modules change with every commit: locked by coordinates only
        actual.add(coordinates + " (built here)");
      } else if (!Files.isRegularFile(file)) {
        fail(module, "Maven resolved " + coordinates + " to " + file + ", which is not a file");
      } else {
        actual.add(coordinates + " sha256:" + sha256(file));
      }
    }

    String header = "# " + module + ": every artifact Maven resolves for this module (all scopes),\n"
        + "# with the SHA-256 of its file. The build compares it with what it resolved (.ci/DependencyLock.java).\n"
        + "# After a deliberate dependency change, write it again with:\n#   " + REGENERATE + "\n";
    if (actual.isEmpty() && !Files.exists(lock)) {
      // an aggregator (packaging pom) resolves nothing: there is nothing to lock
      return;
    }
    if (update) {
      Files.writeString(lock, header + String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
      System.out.println("[dependency-lock] wrote " + lock + " (" + actual.size() + " artifacts)");
      return;
    }
    if (!Files.isRegularFile(lock)) {
      fail(module, lock + " is missing: create it with\n  " + REGENERATE);
    }
    TreeSet<String> locked = new TreeSet<>();
    for (String line : Files.readAllLines(lock, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        locked.add(line.strip());
      }
    }
    List<String> differences = new ArrayList<>();
    for (String line : locked) {
      if (!actual.contains(line)) {
        differences.add("  locked, not resolved: " + line);
      }
    }
    for (String line : actual) {
      if (!locked.contains(line)) {
        differences.add("  resolved, not locked: " + line);
      }
    }
    if (!differences.isEmpty()) {
      fail(module, "what Maven resolved differs from " + lock + ":\n" + String.join("\n", differences)
          + "\nA new version or a different SHA-256 means a dependency changed under this build. If the"
          + " change is deliberate (you edited a version), write the locks again and commit them:\n  "
          + REGENERATE);
    }
    System.out.println("[dependency-lock] " + module + ": " + actual.size()
        + " artifacts match " + lock.getFileName());
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void fail(String module, String message) {
    System.err.println("[dependency-lock] " + module + ": " + message);
    System.exit(1);
  }

  private DependencyLock() {}
}
