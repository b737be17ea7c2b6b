package dev.gatehouse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A PKCS#12 key store with a self-signed localhost certificate, made by the JDK's keytool. */
final class SelfSignedKeyStore {

  static final String PASSWORD = "gatehouse-test";
  private static Path store;

  private SelfSignedKeyStore() {
  }

  static synchronized Path create() {
    if (store != null && Files.exists(store)) {
      return store;
    }
    try {
      Path dir = Files.createTempDirectory("gatehouse-tls");
      Path file = dir.resolve("server.p12");
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
          .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
          "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
          "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
          "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + out);
      }
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      store = file;
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
