package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.lint.LintSettings;
import dev.gatehouse.core.support.ReadmeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's table must name every property the code reads, with its environment variable and
 * the code's default: core's rows are checked here, each other module's by its own
 * {@code ReadmeDefaultsTest} with {@link ReadmeTable}.
 */
class ReadmeTest {

  private static final List<String> CORE = List.of("gatehouse.body.", "gatehouse.json.",
      "gatehouse.headers.", "gatehouse.https.", "gatehouse.proxy.", "gatehouse.docs.",
      "gatehouse.paging.", "gatehouse.lint.", "gatehouse.secrets.", "gatehouse.rollout.");
  /** The prefixes the other modules' {@code ReadmeDefaultsTest}s check. */
  private static final List<String> MODULES = List.of("gatehouse.jwt.", "gatehouse.password.",
      "gatehouse.cors.", "gatehouse.ratelimit.", "gatehouse.redis.");

  private static final Pattern PROPERTY = Pattern.compile("\"(gatehouse\\.[a-z0-9.-]*[a-z0-9])\"");

  @Test
  void everyPropertyIsInTheReadmeTableWithItsEnvironmentVariable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Set<String> properties = new TreeSet<>();
    List<Path> sources;
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      sources = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
    }
    for (Path source : sources) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = PROPERTY.matcher(Files.readString(f));
          while (m.find()) {
            properties.add(m.group(1));
          }
        }
      }
    }
    SecurityHeaders.DEFAULTS.keySet().forEach(k -> properties.add(SecurityHeaders.PREFIX + k));
    assertThat(properties).hasSizeGreaterThan(40);
    for (String p : properties) {
      String env = p.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
      assertThat(readme).as(p).contains("| `" + p + "` | `" + env + "` |");
    }
  }

  @Test
  void everyRowOfTheTableHasItsDefaultCheckedByTheModuleThatReadsIt() {
    ReadmeTable table = ReadmeTable.read();
    assertThat(table.properties("gatehouse.")).hasSizeGreaterThan(40).allSatisfy(p ->
        assertThat(Stream.concat(CORE.stream(), MODULES.stream())).as(p)
            .anySatisfy(prefix -> assertThat(p).startsWith(prefix)));
  }

  @Test
  void coreDefaultsInTheReadmeAreTheCodes() {
    CoreSettings s = CoreSettings.fromConfig(ReadmeTable.config());
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(BodySizeLimit.MAX_BYTES, s.body().maxBytes());
    defaults.put(BodySizeLimit.READ_TIMEOUT, s.body().readTimeout());
    defaults.put(StrictJsonSettings.MAX_DEPTH, s.json().maxDepth());
    defaults.put(StrictJsonSettings.MAX_NUMBER, s.json().maxNumberLength());
    defaults.put(StrictJsonSettings.MAX_STRING, s.json().maxStringLength());
    defaults.put(StrictJsonSettings.ALLOW_CONTROL, s.json().allowControlCharacters());
    SecurityHeaders.DEFAULTS.forEach((k, v) -> defaults.put(SecurityHeaders.PREFIX + k, v));
    String permissions = SecurityHeaders.PREFIX + "permissions-policy";
    defaults.put(permissions, new ReadmeTable.Words("every powerful feature denied"
        + " (`accelerometer=(), camera=(), geolocation=(), microphone=(), payment=(), usb=(), …`)"));
    String hsts = s.https().hstsHeader().orElse("");
    defaults.put(HttpsPolicy.HSTS, s.https().hstsHeader().isPresent());
    defaults.put(HttpsPolicy.MAX_AGE, HttpsPolicy.DEFAULT_MAX_AGE);
    defaults.put(HttpsPolicy.INCLUDE_SUBDOMAINS, hsts.contains("includeSubDomains"));
    defaults.put(HttpsPolicy.PRELOAD, hsts.contains("preload"));
    defaults.put(HttpsPolicy.REDIRECT, s.https().redirect());
    defaults.put(HttpsPolicy.REDIRECT_HOST, Optional.ofNullable(s.https().redirectHost()));
    defaults.put(HttpsPolicy.PORT, s.https().port());
    defaults.put(TrustedProxies.TRUSTED, Optional.of(s.proxies()).filter(p -> !p.isEmpty()));
    defaults.put(TrustedProxies.FORWARDING_HEADER,
        s.proxies().forwardingHeader().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    defaults.put(TrustedProxies.CLIENT_IP_HEADER, s.proxies().clientIpHeader());
    defaults.put(DocsGate.ENABLED, s.docs().enabled());
    defaults.put(DocsGate.ROLES, List.copyOf(s.docs().roles()));
    defaults.put(PagingSettings.MAX_SIZE, s.paging().maxSize());
    defaults.put(PagingSettings.DEFAULT_SIZE, s.paging().defaultSize());
    defaults.put(LintSettings.MODE, s.lint().name().toLowerCase(Locale.ROOT));
    defaults.put(dev.gatehouse.core.lint.EndpointReport.REPORT_FILE, Optional.empty());
    defaults.put(dev.gatehouse.core.config.ConfigReader.ALLOW_PACKAGED_SECRETS,
        dev.gatehouse.core.config.ConfigReader.DEFAULT_ALLOW_PACKAGED_SECRETS);
    defaults.put(RolloutSettings.REPORT_ONLY,
        Optional.of(s.rollout().checks()).filter(c -> !c.isEmpty()));
    ReadmeTable table = ReadmeTable.read();
    table.assertDefaults(CORE, defaults);
    // the README shows some of the denied features: each must be among the code's
    String shown = table.defaultOf(permissions).replaceAll(".*`(.*)`.*", "$1");
    for (String feature : shown.split(",\\s*")) {
      if (!feature.equals("…")) {
        assertThat(SecurityHeaders.DEFAULTS.get("permissions-policy")).contains(feature);
      }
    }
    assertThat(Duration.parse("PT" + hsts.replaceAll("max-age=(\\d+).*", "$1") + "S"))
        .as("the HSTS header's max-age").isEqualTo(HttpsPolicy.DEFAULT_MAX_AGE);
  }
}
