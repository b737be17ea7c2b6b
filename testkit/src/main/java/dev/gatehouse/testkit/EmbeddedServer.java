package dev.gatehouse.testkit;

import io.restassured.RestAssured;
import jakarta.enterprise.inject.se.SeContainer;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded runtime's server ({@link dev.gatehouse.embedded.EmbeddedServer}: Jetty 12, Jersey,
 * Weld SE and SmallRye Config on a random loopback port) as a JUnit 5 extension for over-the-wire
 * tests. It starts before the first test of the class, points rest-assured at itself and stops
 * after the last test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedServer server = EmbeddedServer.builder()
 *     .register(GatehouseCoreFeature.class, NotesResource.class)
 *     .property("gatehouse.body.max-bytes", "1024")
 *     .build();
 * }</pre>
 *
 * <p>Or start it by hand with {@link #start()}, or assert with {@link #refusal(Class)} that an
 * application refuses to start.
 */
public final class EmbeddedServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private final dev.gatehouse.embedded.EmbeddedServer server;

  private EmbeddedServer(dev.gatehouse.embedded.EmbeddedServer server) {
    this.server = server;
  }

  /** A builder with the embedded runtime's settings, building the extension. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the server (see {@link dev.gatehouse.embedded.EmbeddedServer#start()}). */
  public EmbeddedServer start() {
    server.start();
    return this;
  }

  /**
   * Starts this server expecting it to refuse, and returns the first {@code type} in the cause
   * chain of what it threw; the server is stopped either way.
   *
   * @throws AssertionError when the server starts, or fails for another reason
   */
  public <T extends Throwable> T refusal(Class<T> type) {
    try {
      server.start();
    } catch (Throwable thrown) {
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        if (type.isInstance(t)) {
          return type.cast(t);
        }
      }
      throw new AssertionError("expected a " + type.getSimpleName() + ", got " + thrown, thrown);
    } finally {
      server.stop();
    }
    throw new AssertionError("the server started");
  }

  /** Stops the server, CDI and the configuration; safe to call more than once. */
  public void stop() {
    server.stop();
  }

  @Override
  public void close() {
    server.stop();
  }

  public int port() {
    return server.port();
  }

  public URI baseUri() {
    return server.baseUri();
  }

  /** The CDI container, to look up beans or fire events from a test. */
  public SeContainer cdi() {
    return server.cdi();
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    server.start();
    URI base = server.baseUri();
    RestAssured.baseURI = base.getScheme() + "://" + base.getHost();
    if ("https".equals(base.getScheme())) {
      RestAssured.useRelaxedHTTPSValidation();
    }
    RestAssured.port = base.getPort();
    RestAssured.basePath = "";
    RestAssured.urlEncodingEnabled = true;
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    server.stop();
    RestAssured.reset();
  }

  /** The embedded runtime's builder; {@link #build()} gives the JUnit extension. */
  public static final class Builder
      extends dev.gatehouse.embedded.EmbeddedServer.AbstractBuilder<Builder> {

    private Builder() {
    }

    public EmbeddedServer build() {
      return new EmbeddedServer(newServer());
    }
  }
}
