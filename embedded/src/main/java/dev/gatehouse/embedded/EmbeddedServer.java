package dev.gatehouse.embedded;

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

/**
 * A Jakarta REST application served in this JVM: Jetty 12 (EE 10 servlet), Jersey as the Jakarta
 * REST runtime, Weld SE as the CDI container and SmallRye Config holding the given properties (on
 * top of system properties and the environment). The example service runs on it, and so do the
 * tests (through the test kit's JUnit extension of the same name).
 *
 * <pre>{@code
 * EmbeddedServer server = EmbeddedServer.builder()
 *     .register(GatehouseCoreFeature.class, NotesResource.class)
 *     .property("gatehouse.body.max-bytes", "1024")
 *     .port(8080)
 *     .limits(EmbeddedServer.Limits.production())
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>Jersey's WADL is off; the container sends no {@code Server} version and no
 * {@code X-Powered-By}; errors the container answers itself are problem+json
 * ({@link ProblemErrorHandler}). Gatehouse core's servlet filter runs in front of Jersey, as a
 * servlet container would find it by scanning (it hands over the socket peer; without core on the
 * class path, {@link PeerAddressFilter} does that alone).
 */
public final class EmbeddedServer implements AutoCloseable {

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

  private EmbeddedServer(AbstractBuilder<?> builder) {
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
     * Unless set: 1024 connections, 30 s idle, bodies read as they arrive (so a declared
     * {@code Content-Length} above a limit is refused before anything is sent), no minimum rate —
     * what tests want.
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

  /** A builder of a server on {@code 127.0.0.1}, a free port, plain HTTP and default limits. */
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

  /** The port it listens on, once started (the free one picked when 0 was asked for). */
  public int port() {
    return port;
  }

  /** Where it listens, e.g. {@code http://127.0.0.1:41234/}, once started. */
  public URI baseUri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create((tls ? "https://" : "http://") + h + ":" + port + "/");
  }

  /** The CDI container, to look up beans or fire events (null until started). */
  public SeContainer cdi() {
    return cdi;
  }

  /**
   * Collects resources, providers, features, configuration properties and how to listen. Open
   * for builders that wrap the server in a type of their own (the test kit's JUnit extension):
   * they extend this with themselves as {@code B} and call {@link #newServer()}.
   *
   * @param <B> the concrete builder, which every setter returns
   */
  public abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {
    private Class<? extends jakarta.ws.rs.core.Application> application;
    private final List<Class<?>> classes = new ArrayList<>();
    private final List<Object> instances = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String host = "127.0.0.1";
    private int port;
    private boolean tls;
    private Limits limits = Limits.defaults();

    protected AbstractBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /** How the server protects its threads from slow clients; {@link Limits#defaults()} if unset. */
    public B limits(Limits serverLimits) {
      this.limits = Objects.requireNonNull(serverLimits);
      return self();
    }

    /** The application's own {@code Application} subclass, wrapped as Jersey does. */
    public B application(Class<? extends jakarta.ws.rs.core.Application> type) {
      this.application = Objects.requireNonNull(type);
      return self();
    }

    /** Registers resource, provider or feature classes with the Jakarta REST application. */
    public B register(Class<?>... components) {
      for (Class<?> c : components) {
        classes.add(Objects.requireNonNull(c));
      }
      return self();
    }

    /** Registers provider or feature instances with the Jakarta REST application. */
    public B registerInstances(Object... components) {
      for (Object c : components) {
        instances.add(Objects.requireNonNull(c));
      }
      return self();
    }

    /** Sets a MicroProfile Config property for the life of the server. */
    public B property(String name, String value) {
      properties.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return self();
    }

    public B properties(Map<String, String> values) {
      values.forEach(this::property);
      return self();
    }

    /** The address to bind, {@code 127.0.0.1} unless set (e.g. {@code ::1}, or {@code 0.0.0.0}). */
    public B host(String loopbackAddress) {
      this.host = Objects.requireNonNull(loopbackAddress);
      return self();
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public B port(int listenPort) {
      if (listenPort < 0 || listenPort > 65535) {
        throw new IllegalArgumentException("port " + listenPort);
      }
      this.port = listenPort;
      return self();
    }

    /** Serve HTTPS only, with a fresh self-signed certificate for localhost. */
    public B https() {
      this.tls = true;
      return self();
    }

    /** A server with these settings, not yet started. */
    protected final EmbeddedServer newServer() {
      return new EmbeddedServer(this);
    }
  }

  /** The builder of a plain {@code EmbeddedServer}. */
  public static final class Builder extends AbstractBuilder<Builder> {

    private Builder() {
    }

    public EmbeddedServer build() {
      return newServer();
    }
  }
}
