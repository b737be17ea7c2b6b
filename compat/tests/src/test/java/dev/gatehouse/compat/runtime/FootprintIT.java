package dev.gatehouse.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.compat.ClientEcho;
import dev.gatehouse.compat.CompatResource;
import dev.gatehouse.core.GatehouseCoreFeature;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.testkit.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The compatibility application uses gatehouse-jwt, -ratelimit, -ownership and -cors but not
 * gatehouse-redis, as a service without Redis does (issue 22): its WAR and its Quarkus build carry
 * no Redis client and none of what Jedis brings, and asking for Redis without gatehouse-redis
 * refuses start-up instead of keeping sessions and limits in one instance's memory. It hashes no
 * passwords either, so neither carries Bouncy Castle, which only gatehouse-passwords brings
 * (issue 23).
 */
class FootprintIT {

  /** What gatehouse-redis brings: Jedis and its own dependencies. */
  private static final List<String> REDIS_JARS = List.of("gatehouse-redis", "jedis",
      "commons-pool2", "gson", "redis-authx");

  private static final Tokens TOKENS = Tokens.random();

  /** What gatehouse-passwords brings: Argon2id's Bouncy Castle, 7 MB. */
  private static final List<String> PASSWORD_JARS = List.of("gatehouse-passwords", "bcprov");

  private static boolean fromRedis(String jar) {
    return REDIS_JARS.stream().anyMatch(jar::contains);
  }

  private static boolean fromPasswords(String jar) {
    return PASSWORD_JARS.stream().anyMatch(jar::contains);
  }

  private static List<String> warLibs() throws IOException {
    try (ZipFile war = new ZipFile(System.getProperty("compat.war"))) {
      return war.stream().map(ZipEntry::getName)
          .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
          .map(n -> n.substring("WEB-INF/lib/".length())).toList();
    }
  }

  private static List<String> quarkusLibs() throws IOException {
    Path lib = Path.of(System.getProperty("compat.quarkus-rest")).resolveSibling("lib")
        .resolve("main");
    try (Stream<Path> jars = Files.list(lib)) {
      return jars.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void theWarOfAServiceWithoutGatehouseRedisCarriesNoRedisClient() throws IOException {
    assertThat(warLibs()).as("WEB-INF/lib").anyMatch(n -> n.startsWith("gatehouse-jwt-"))
        .anyMatch(n -> n.startsWith("gatehouse-ratelimit-"))
        .noneMatch(FootprintIT::fromRedis);
  }

  @Test
  void theQuarkusBuildOfAServiceWithoutGatehouseRedisCarriesNoRedisClient() throws IOException {
    assertThat(quarkusLibs()).as("quarkus-app/lib/main").anyMatch(n -> n.contains("gatehouse-jwt"))
        .noneMatch(FootprintIT::fromRedis);
  }

  @Test
  void theWarAndTheQuarkusBuildOfAServiceThatHashesNoPasswordsCarryNoBouncyCastle()
      throws IOException {
    assertThat(warLibs()).as("WEB-INF/lib").anyMatch(n -> n.startsWith("gatehouse-jwt-"))
        .noneMatch(FootprintIT::fromPasswords);
    assertThat(quarkusLibs()).as("quarkus-app/lib/main").anyMatch(n -> n.contains("gatehouse-jwt"))
        .noneMatch(FootprintIT::fromPasswords);
  }

  @Test
  void aRedisUrlWithoutGatehouseRedisRefusesToStartOnJersey() {
    GatehouseConfigException refused = EmbeddedServer.builder()
        .register(GatehouseCoreFeature.class, CompatResource.class, ClientEcho.class)
        .properties(Map.of("gatehouse.jwt.issuer", Tokens.ISSUER,
            "gatehouse.jwt.audience", Tokens.AUDIENCE,
            "gatehouse.jwt.secret", TOKENS.secretBase64(),
            "gatehouse.redis.url", "redis://127.0.0.1:6379"))
        .build().refusal(GatehouseConfigException.class);
    assertThat(refused.getMessage()).startsWith("Gatehouse refuses to start: gatehouse.redis.url:"
        + " set, but gatehouse-redis is not on the class path")
        .contains("add the dependency dev.gatehouse:gatehouse-redis");
  }

  @Test
  void redisSentinelsWithoutGatehouseRedisRefuseToStartOnQuarkusRest() {
    String log = QuarkusApps.refusal("compat.quarkus-rest", TOKENS,
        Map.of("GATEHOUSE_REDIS_SENTINELS", "127.0.0.1:26379",
            "GATEHOUSE_REDIS_MASTER_NAME", "mymaster"));
    assertThat(log).contains("Gatehouse refuses to start: GATEHOUSE_REDIS_MASTER_NAME,"
        + " GATEHOUSE_REDIS_SENTINELS: set, but gatehouse-redis is not on the class path")
        .contains("add the dependency dev.gatehouse:gatehouse-redis");
  }
}
