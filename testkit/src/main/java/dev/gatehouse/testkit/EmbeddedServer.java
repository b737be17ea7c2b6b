package dev.gatehouse.testkit;

import io.restassured.RestAssured;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server for over-the-wire tests: Jetty 12 (EE 10 servlet) on a random loopback port,
 * Jersey as the Jakarta REST runtime, Weld SE as the CDI container and SmallRye Config holding the
 * given properties (on top of system properties and the environment).
 *
 * <p>Use it as a JUnit 5 extension; it starts before the first test of the class, points
 * rest-assured at itself and stops after the last test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedServer server = EmbeddedServer.builder()
 *     .register(GatehouseCoreFeature.class)
 *     .resources(NotesResource.class)
 *     .property("gatehouse.body.max-bytes", "1024")
 *     .build();
 * }</pre>
 *
 * <p>Or start it by hand with {@link #start()} to assert that an application refuses to start.
 * Jersey's WADL is off; the container sends no {@code Server} version and no
 * {@code X-Powered-By}. Gatehouse core's servlet filter runs in front of Jersey, as a servlet
 * container would find it by scanning (it hands over the socket peer; without core on the class
 * path, {@link PeerAddressFilter} does that alone).
 */
public final class EmbeddedServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private final Class<? extends jakarta.ws.rs.core.Application> application;
  private final List<Class<?>> classes;
  private final List<Object> instances;
  private final Map<String, String> properties;
  private final String host;
  private final int requestedPort;
  private final boolean tls;
  private final Limits limits;

  private SeContainer cdi;
  private Server jetty;
  private SmallRyeConfig config;
  private ClassLoader configClassLoader;
  private int port;

  private EmbeddedServer(Builder builder) {
    this.application = builder.application;
    this.classes = List.copyOf(builder.classes);
    this.instances = List.copyOf(builder.instances);
    this.properties = Map.copyOf(builder.properties);
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.tls = builder.tls;
    this.limits = builder.limits;
  }

  /**
   * How the server protects its threads from slow clients.
   *
   * @param eagerContentBytes bodies up to this size are read before a request thread is given
   *     the request (asynchronously, holding no thread), so a client that trickles a small body
   *     holds only a connection; 0 turns it off
   * @param minRequestDataRate bytes per second a request body must arrive at (after a first
   *     second), judged as it arrives, else 408; 0 for none
   * @param maxConnections connections accepted at once; more wait in the accept queue
   * @param idleTimeoutMillis how long a connection may be silent
   */
  public record Limits(long eagerContentBytes, long minRequestDataRate, int maxConnections,
      long idleTimeoutMillis) {

    /**
     * For tests: 1024 connections, 30 s idle, bodies read as they arrive (so a declared
     * {@code Content-Length} above a limit is refused before anything is sent), no minimum rate.
     */
    public static Limits defaults() {
      return new Limits(0, 0, 1024, 30_000);
    }

    /**
     * For a service facing the Internet: bodies up to 64 KiB read before a thread is given the
     * request, at least 256 bytes a second, 2048 connections, 20 s idle.
     */
    public static Limits production() {
      return new Limits(65_536, 256, 2048, 20_000);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts CDI, the configuration and the server. Exceptions thrown while the application starts
   * (for example a configuration refusal) are rethrown as they are, or with the original exception
   * as the cause.
   */
  public synchronized EmbeddedServer start() {
    if (jetty != null) {
      return this;
    }
    try {
      startConfig();
      cdi = SeContainerInitializer.newInstance()
          .addProperty("org.jboss.weld.se.archive.isolation", false)
          .addProperty("org.jboss.weld.construction.relaxed", true)
          .initialize();

      ResourceConfig app = application == null ? new ResourceConfig()
          : ResourceConfig.forApplicationClass(application);
      app.property(ServerProperties.WADL_FEATURE_DISABLE, true);
      app.property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, false);
      app.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
      classes.forEach(app::register);
      instances.forEach(app::register);

      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      // not Jetty's setMinRequestDataRate: it measures the application's reads (see
      // MinimumDataRateHandler), so a busy server would fail whole bodies with 408
      jetty = new Server();
      ServerConnector connector;
      if (tls) {
        http.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
        org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl =
            new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStorePath(SelfSignedKeyStore.create().toString());
        ssl.setKeyStorePassword(SelfSignedKeyStore.PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        connector = new ServerConnector(jetty,
            new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
            new HttpConnectionFactory(http));
      } else {
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      }
      connector.setHost(host);
      connector.setPort(requestedPort);
      connector.setIdleTimeout(limits.idleTimeoutMillis());
      jetty.addConnector(connector);
      jetty.addBean(new org.eclipse.jetty.server.NetworkConnectionLimit(limits.maxConnections(),
          connector));

      ServletContextHandler context = new ServletContextHandler("/");
      context.addFilter(servletFilter(), "/*",
          java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
      ServletHolder holder = new ServletHolder("jersey", new ServletContainer(app));
      holder.setInitOrder(1);
      context.addServlet(holder, "/*");
      ErrorHandler errors = new ProblemErrorHandler();
      context.setErrorHandler(errors);
      jetty.setErrorHandler(errors);
      org.eclipse.jetty.server.Handler handler = context;
      if (limits.eagerContentBytes() > 0) {
        handler = new org.eclipse.jetty.server.handler.EagerContentHandler(handler,
            new org.eclipse.jetty.server.handler.EagerContentHandler.RetainedContentLoaderFactory(
                limits.eagerContentBytes(), 1024, false));
      }
      if (limits.minRequestDataRate() > 0) {
        handler = new MinimumDataRateHandler(handler, limits.minRequestDataRate());
      }
      jetty.setHandler(handler);
      jetty.start();
      if (holder.getUnavailableException() != null) {
        throw holder.getUnavailableException();
      }
      port = connector.getLocalPort();
      return this;
    } catch (RuntimeException e) {
      stop();
      throw e;
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("embedded server did not start: " + e, e);
    }
  }

  /**
   * Gatehouse core's servlet filter, as a servlet container would find it by scanning, when core is
   * on the class path; else one that only hands over the peer address.
   */
  @SuppressWarnings("unchecked")
  private static Class<? extends jakarta.servlet.Filter> servletFilter() {
    try {
      return (Class<? extends jakarta.servlet.Filter>) Class.forName(
          "dev.gatehouse.core.internal.ServletGuardFilter", false,
          EmbeddedServer.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError noCore) {
      return PeerAddressFilter.class;
    }
  }

  private void startConfig() {
    config = new SmallRyeConfigBuilder()
        .addDefaultSources()
        .addDiscoveredConverters()
        .withSources(new PropertiesConfigSource(properties, "embedded-server", 500))
        .build();
    configClassLoader = Thread.currentThread().getContextClassLoader();
    ConfigProviderResolver resolver = ConfigProviderResolver.instance();
    try {
      resolver.releaseConfig(resolver.getConfig(configClassLoader));
    } catch (RuntimeException ignored) {
      // nothing registered yet
    }
    resolver.registerConfig(config, configClassLoader);
  }

  /**
   * Starts this server expecting it to refuse, and returns the first {@code type} in the cause
   * chain of what it threw; the server is stopped either way.
   *
   * @throws AssertionError when the server starts, or fails for another reason
   */
  public <T extends Throwable> T refusal(Class<T> type) {
    try {
      start();
    } catch (Throwable thrown) {
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        if (type.isInstance(t)) {
          return type.cast(t);
        }
      }
      throw new AssertionError("expected a " + type.getSimpleName() + ", got " + thrown, thrown);
    } finally {
      stop();
    }
    throw new AssertionError("the server started");
  }

  /** Stops the server, CDI and the configuration; safe to call more than once. */
  public synchronized void stop() {
    try {
      if (jetty != null) {
        jetty.stop();
      }
    } catch (Exception e) {
      throw new IllegalStateException("embedded server did not stop", e);
    } finally {
      jetty = null;
      if (cdi != null && cdi.isRunning()) {
        cdi.close();
      }
      cdi = null;
      if (config != null) {
        ConfigProviderResolver.instance().releaseConfig(config);
        config = null;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  public int port() {
    return port;
  }

  public URI baseUri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create((tls ? "https://" : "http://") + h + ":" + port + "/");
  }

  /** The CDI container, to look up beans or fire events from a test. */
  public SeContainer cdi() {
    return cdi;
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    start();
    RestAssured.baseURI = (tls ? "https://" : "http://")
        + (host.contains(":") ? "[" + host + "]" : host);
    if (tls) {
      RestAssured.useRelaxedHTTPSValidation();
    }
    RestAssured.port = port;
    RestAssured.basePath = "";
    RestAssured.urlEncodingEnabled = true;
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    stop();
    RestAssured.reset();
  }

  /** Collects resources, providers, features and configuration properties. */
  public static final class Builder {
    private Class<? extends jakarta.ws.rs.core.Application> application;
    private final List<Class<?>> classes = new ArrayList<>();
    private final List<Object> instances = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String host = "127.0.0.1";
    private int port;
    private boolean tls;
    private Limits limits = Limits.defaults();

    private Builder() {
    }

    /** How the server protects its threads from slow clients; {@link Limits#defaults()} if unset. */
    public Builder limits(Limits serverLimits) {
      this.limits = Objects.requireNonNull(serverLimits);
      return this;
    }

    /** The application's own {@code Application} subclass, wrapped as Jersey does. */
    public Builder application(Class<? extends jakarta.ws.rs.core.Application> type) {
      this.application = Objects.requireNonNull(type);
      return this;
    }

    /** Registers resource, provider or feature classes with the Jakarta REST application. */
    public Builder register(Class<?>... components) {
      for (Class<?> c : components) {
        classes.add(Objects.requireNonNull(c));
      }
      return this;
    }

    /** Registers provider or feature instances with the Jakarta REST application. */
    public Builder registerInstances(Object... components) {
      for (Object c : components) {
        instances.add(Objects.requireNonNull(c));
      }
      return this;
    }

    /** Sets a MicroProfile Config property for the life of the server. */
    public Builder property(String name, String value) {
      properties.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    public Builder properties(Map<String, String> values) {
      values.forEach(this::property);
      return this;
    }

    /** The address to bind, {@code 127.0.0.1} unless set (e.g. {@code ::1}, or {@code 0.0.0.0}). */
    public Builder host(String loopbackAddress) {
      this.host = Objects.requireNonNull(loopbackAddress);
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int listenPort) {
      if (listenPort < 0 || listenPort > 65535) {
        throw new IllegalArgumentException("port " + listenPort);
      }
      this.port = listenPort;
      return this;
    }

    /** Serve HTTPS only, with a fresh self-signed certificate for localhost. */
    public Builder https() {
      this.tls = true;
      return this;
    }

    public EmbeddedServer build() {
      return new EmbeddedServer(this);
    }
  }
}
