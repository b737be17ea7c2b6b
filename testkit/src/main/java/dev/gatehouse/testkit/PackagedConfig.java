package dev.gatehouse.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A {@code META-INF/microprofile-config.properties} packaged the way an application packages it —
 * in a jar, or in a classes folder — on a class loader of its own, so that one test sees it
 * without it reaching every other test on the module's class path. MicroProfile Config reads it as
 * it reads an application's (SmallRye Config finds it through the thread's context class loader):
 *
 * <pre>{@code
 * PackagedConfig packaged = PackagedConfig.inJar(Map.of("gatehouse.jwt.secret", secret));
 * GatehouseConfigException refused = packaged.run(() -> server.refusal(GatehouseConfigException.class));
 * }</pre>
 */
public final class PackagedConfig {

  public static final String RESOURCE = "META-INF/microprofile-config.properties";

  private final URL root;

  private PackagedConfig(URL root) {
    this.root = root;
  }

  /** The properties in {@value #RESOURCE} inside a jar, as an artifact carries them. */
  public static PackagedConfig inJar(Map<String, String> properties) {
    Properties p = new Properties();
    p.putAll(properties);
    StringWriter text = new StringWriter();
    try {
      p.store(text, "packaged by a test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inJar(RESOURCE, text.toString());
  }

  /**
   * Any configuration file inside a jar, as written — e.g. Quarkus's {@code application.yaml} or
   * an {@code application.properties} with {@code %prod.} keys.
   */
  public static PackagedConfig inJar(String resource, String content) {
    try {
      Path jar = Files.createTempFile("packaged-config", ".jar");
      jar.toFile().deleteOnExit();
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new JarEntry(resource));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      return new PackagedConfig(jar.toUri().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The properties in {@value #RESOURCE} under a classes folder, as a build or a WAR has them. */
  public static PackagedConfig inClassesFolder(Map<String, String> properties) {
    try {
      Path classes = Files.createTempDirectory("packaged-classes");
      Path file = classes.resolve(RESOURCE);
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        write(properties, out);
      }
      file.toFile().deleteOnExit();
      return new PackagedConfig(classes.toUri().toURL());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Map<String, String> properties, OutputStream out) throws IOException {
    Properties p = new Properties();
    p.putAll(properties);
    p.store(out, "packaged by a test");
  }

  /** A class loader that sees the packaged file on top of the current context class loader. */
  public ClassLoader classLoader() {
    return new URLClassLoader(new URL[] {root}, Thread.currentThread().getContextClassLoader());
  }

  /**
   * Runs {@code work} with {@link #classLoader()} as the thread's context class loader (threads it
   * starts inherit it), restoring the previous one afterwards.
   */
  public <T> T run(Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
