package dev.gatehouse.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file holding one secret as Kubernetes and Docker secrets, Vault Agent templates and
 * {@code echo secret > file} write them: UTF-8 text, the line ending(s) at its end dropped, nothing
 * else changed (a password may begin or end with a space). Either the text or the reason it was
 * refused — never a message that shows the content.
 *
 * <p>File permissions are not checked: Kubernetes mounts secrets 0644 by default and Docker 0444,
 * so a check would refuse the platforms the form exists for. Only the process's ability to read
 * the file counts.
 */
final class SecretFile {

  /** A secret, a PEM key or a JWKS fits in far less; a wrong path (a log, a device) stops here. */
  static final int MAX_BYTES = 1 << 20;

  /** The text, or why there is none: a rule for {@code name: "path" <rule>}. */
  record Read(String text, String refusal) {
  }

  private SecretFile() {
  }

  static Read read(String path) {
    Path file;
    try {
      file = Path.of(path);
    } catch (InvalidPathException e) {
      return refused("is not a file path; set it to the path of the mounted secret");
    }
    if (Files.isDirectory(file)) {
      return refused("is a directory; name the file inside it that holds the secret, e.g. "
          + file.resolve("password"));
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return refused("does not exist; mount the secret there or fix the path");
    } catch (AccessDeniedException e) {
      return refused("cannot be read by this process (permission denied); let the process's user"
          + " read it, e.g. the pod's fsGroup or the secret's defaultMode");
    } catch (IOException | SecurityException e) {
      return refused("cannot be read; mount the secret there or fix the path");
    }
    if (bytes.length > MAX_BYTES) {
      return refused("is larger than " + MAX_BYTES + " bytes, too large for a secret; check that"
          + " it names the secret's file");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return refused("is not UTF-8 text; write the secret as text (base64 for binary keys)");
    }
    String stripped = stripLineEndings(text);
    if (stripped.isBlank()) {
      return refused("is empty; write the secret into it (a newline at its end is ignored)");
    }
    return new Read(stripped, null);
  }

  private static Read refused(String rule) {
    return new Read(null, rule);
  }

  private static String stripLineEndings(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }
}
