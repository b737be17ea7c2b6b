package dev.gatehouse.compat.runtime;

import dev.gatehouse.compat.AccountResource;
import dev.gatehouse.compat.ApplicationScopedOwnerResource;
import dev.gatehouse.compat.BugResource;
import dev.gatehouse.compat.ClientEcho;
import dev.gatehouse.compat.CompatResource;
import dev.gatehouse.compat.EchoingExceptionMapper;
import dev.gatehouse.compat.IdentityProviderResource;
import dev.gatehouse.compat.JacksonSettings;
import dev.gatehouse.compat.ProfileResource;
import dev.gatehouse.compat.SingletonOwnerResource;
import dev.gatehouse.compat.UnscopedOwnerResource;
import dev.gatehouse.compat.broken.UndeclaredResource;
import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.testkit.EmbeddedServer;
import dev.gatehouse.testkit.EmbeddedServerProcess;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jersey 3.1 + Weld SE on Jetty 12, in this JVM — the test kit every module's tests use — with the
 * application registered by hand, the Jersey way: {@code GatehouseCoreFeature} and the resources.
 * The instance verifying Keycloak's tokens runs in a child JVM with the same class path: one JVM
 * holds one Gatehouse application at a time (its configuration is registered per class loader).
 */
class JerseyIT extends RuntimeContract implements IdentityProviderContract {

  /** The application, registered by hand in both instances. */
  private static final List<Class<?>> APPLICATION = List.of(GatehouseCoreFeature.class,
      CompatResource.class, ClientEcho.class, ApplicationScopedOwnerResource.class,
      SingletonOwnerResource.class, UnscopedOwnerResource.class, EchoingExceptionMapper.class,
      BugResource.class, AccountResource.class, ProfileResource.class, JacksonSettings.class,
      org.wildfly.quickstarts.compat.QuickstartItems.class, IdentityProviderResource.class);
  private static final Tokens TOKENS = Tokens.random();
  private static final java.nio.file.Path REPORT = EndpointReportFile.of("jersey");
  private static final StringBuffer LOG = new StringBuffer();
  private static final Handler CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord record) {
      LOG.append(record.getMessage()).append('\n');
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  /** Held, so that java.util.logging does not drop the logger (and the handler) meanwhile. */
  private static final Logger GATEHOUSE = Logger.getLogger("dev.gatehouse");
  private static EmbeddedServer server;
  private static final LazyRuntime KEYCLOAK_APP = new LazyRuntime(JerseyIT::startForKeycloak);
  private static final LazyRuntime REPORT_ONLY_APP = new LazyRuntime(JerseyIT::startReportOnly);

  @BeforeAll
  static void start() {
    GATEHOUSE.addHandler(CAPTURE);
    server = builder().build().start();
  }

  @AfterAll
  static void stop() {
    KEYCLOAK_APP.close();
    REPORT_ONLY_APP.close();
    if (server != null) {
      server.stop();
    }
    GATEHOUSE.removeHandler(CAPTURE);
  }

  private static EmbeddedServer.Builder builder() {
    return EmbeddedServer.builder().register(APPLICATION.toArray(Class<?>[]::new))
        .properties(Map.of("gatehouse.jwt.issuer", Tokens.ISSUER,
            "gatehouse.jwt.audience", Tokens.AUDIENCE,
            "gatehouse.jwt.secret", TOKENS.secretBase64(),
            "gatehouse.lint.report-file", REPORT.toString()));
  }

  @Override
  protected RuntimeUnderTest runtime() {
    return RuntimeUnderTest.of(server.baseUri(), LOG::toString, server::stop);
  }

  @Override
  public RuntimeUnderTest keycloakRuntime() {
    return KEYCLOAK_APP.get();
  }

  /** The application in a child JVM with the README's Keycloak settings as its properties. */
  private static RuntimeUnderTest startForKeycloak() {
    EmbeddedServerProcess process = EmbeddedServerProcess.start(APPLICATION,
        IdentityProviderContract.keycloakSettings());
    return RuntimeUnderTest.of(URI.create("http://127.0.0.1:" + process.port() + "/"),
        process::output, process::close);
  }

  /** The application in a child JVM with this class's key, jwt and json in report-only. */
  private static RuntimeUnderTest startReportOnly() {
    EmbeddedServerProcess process = EmbeddedServerProcess.start(APPLICATION, Map.of(
        "gatehouse.jwt.issuer", Tokens.ISSUER, "gatehouse.jwt.audience", Tokens.AUDIENCE,
        "gatehouse.jwt.secret", TOKENS.secretBase64(),
        "gatehouse.rollout.report-only", REPORT_ONLY_CHECKS));
    return RuntimeUnderTest.of(URI.create("http://127.0.0.1:" + process.port() + "/"),
        process::output, process::close);
  }

  @Override
  protected RuntimeUnderTest reportOnlyRuntime() {
    return REPORT_ONLY_APP.get();
  }

  @Override
  protected Tokens tokens() {
    return TOKENS;
  }

  @Override
  protected java.nio.file.Path endpointReportFile() {
    return REPORT;
  }

  /** The test kit registers Jersey's Jackson feature. */
  @Override
  protected JsonBinding applicationJson() {
    return JsonBinding.JACKSON;
  }

  @Override
  protected String refusalOfTheBrokenApplication() {
    server.stop();
    try {
      return builder().register(UndeclaredResource.class,
          org.wildfly.quickstarts.broken.QuickstartOrders.class).build()
          .refusal(GatehouseConfigException.class).getMessage();
    } finally {
      server = builder().build().start();
    }
  }
}
