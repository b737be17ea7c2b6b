package dev.gatehouse.compat.runtime;

import dev.gatehouse.compat.AccountResource;
import dev.gatehouse.compat.ApplicationScopedOwnerResource;
import dev.gatehouse.compat.BugResource;
import dev.gatehouse.compat.ClientEcho;
import dev.gatehouse.compat.CompatResource;
import dev.gatehouse.compat.EchoingExceptionMapper;
import dev.gatehouse.compat.JacksonSettings;
import dev.gatehouse.compat.ProfileResource;
import dev.gatehouse.compat.SingletonOwnerResource;
import dev.gatehouse.compat.UnscopedOwnerResource;
import dev.gatehouse.compat.broken.UndeclaredResource;
import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.testkit.EmbeddedServer;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jersey 3.1 + Weld SE on Jetty 12, in this JVM — the test kit every module's tests use — with the
 * application registered by hand, the Jersey way: {@code GatehouseCoreFeature} and the resources.
 */
class JerseyIT extends RuntimeContract {

  private static final Tokens TOKENS = Tokens.random();
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

  @BeforeAll
  static void start() {
    GATEHOUSE.addHandler(CAPTURE);
    server = builder().build().start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    GATEHOUSE.removeHandler(CAPTURE);
  }

  private static EmbeddedServer.Builder builder() {
    return EmbeddedServer.builder()
        .register(GatehouseCoreFeature.class, CompatResource.class, ClientEcho.class,
            ApplicationScopedOwnerResource.class, SingletonOwnerResource.class,
            UnscopedOwnerResource.class)
        .register(EchoingExceptionMapper.class, BugResource.class, AccountResource.class,
            ProfileResource.class, JacksonSettings.class,
            org.wildfly.quickstarts.compat.QuickstartItems.class)
        .properties(Map.of("gatehouse.jwt.issuer", Tokens.ISSUER,
            "gatehouse.jwt.audience", Tokens.AUDIENCE,
            "gatehouse.jwt.secret", TOKENS.secretBase64()));
  }

  @Override
  protected RuntimeUnderTest runtime() {
    return RuntimeUnderTest.of(server.baseUri(), LOG::toString, server::stop);
  }

  @Override
  protected Tokens tokens() {
    return TOKENS;
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
