package dev.gatehouse.core;

import dev.gatehouse.core.config.ConfigReader;
import dev.gatehouse.core.config.GatehouseConfigException;
import dev.gatehouse.core.lint.LintSettings;
import org.eclipse.microprofile.config.Config;

/**
 * Every setting of the core module, read and validated together so that one failed start-up
 * reports every problem at once.
 *
 * <pre>{@code
 * CoreSettings settings = CoreSettings.fromConfig(ConfigProvider.getConfig());
 * }</pre>
 *
 * @param json strict JSON stream limits
 * @param body request body size limit
 * @param headers protective response headers
 * @param https HSTS and redirect
 * @param proxies trusted reverse proxies
 * @param docs documentation gate
 * @param paging page size bounds
 * @param lint what the endpoint lint does with violations
 * @param rollout the checks that only report while a service adopts Gatehouse (none by default)
 */
public record CoreSettings(
    StrictJsonSettings json,
    BodySizeLimit body,
    SecurityHeaders headers,
    HttpsPolicy https,
    TrustedProxies proxies,
    DocsGate docs,
    PagingSettings paging,
    LintSettings lint,
    RolloutSettings rollout) {

  public CoreSettings {
    java.util.Objects.requireNonNull(rollout, "rollout");
  }

  /** Settings with every check enforced. */
  public CoreSettings(StrictJsonSettings json, BodySizeLimit body, SecurityHeaders headers,
      HttpsPolicy https, TrustedProxies proxies, DocsGate docs, PagingSettings paging,
      LintSettings lint) {
    this(json, body, headers, https, proxies, docs, paging, lint, RolloutSettings.enforceAll());
  }

  /** These settings with {@code rollout} in force. */
  public CoreSettings withRollout(RolloutSettings rollout) {
    return new CoreSettings(json, body, headers, https, proxies, docs, paging, lint, rollout);
  }

  /** The strictest working defaults: what a service that sets nothing gets. */
  public static CoreSettings ofDefaults() {
    return new CoreSettings(StrictJsonSettings.ofDefaults(), BodySizeLimit.ofDefaults(),
        SecurityHeaders.ofDefaults(), HttpsPolicy.ofDefaults(), TrustedProxies.none(),
        DocsGate.hidden(), PagingSettings.ofDefaults(), LintSettings.FAIL);
  }

  /**
   * Reads every {@code gatehouse.*} core property.
   *
   * @throws GatehouseConfigException listing every invalid or unsafe value
   */
  public static CoreSettings fromConfig(Config config) {
    ConfigReader in = ConfigReader.of(config);
    CoreSettings s = new CoreSettings(
        StrictJsonSettings.read(in),
        BodySizeLimit.read(in),
        SecurityHeaders.read(in),
        HttpsPolicy.read(in),
        TrustedProxies.read(in),
        DocsGate.read(in),
        PagingSettings.read(in),
        LintSettings.read(in),
        RolloutSettings.read(in));
    in.check();
    return s;
  }

  /** One line naming every active protection, logged at start-up. */
  public String summary() {
    StringBuilder b = new StringBuilder("Gatehouse core active: strict JSON (depth ")
        .append(json.maxDepth()).append(", number ").append(json.maxNumberLength())
        .append(" digits, UTF-8 only, control characters ")
        .append(json.allowControlCharacters() ? "allowed" : "refused")
        .append("), body limit ").append(body.maxBytes()).append(" bytes, headers ")
        .append(headers.always().keySet());
    b.append(", HSTS ").append(https.hstsHeader().orElse("off"))
        .append(https.redirect() ? ", HTTPS redirect on" : ", HTTPS redirect off")
        .append(", trusted proxies ").append(proxies.isEmpty() ? "none" : proxies.toString())
        .append(", docs ").append(docs.enabled() ? "for roles " + docs.roles() : "hidden")
        .append(", page size max ").append(paging.maxSize())
        .append(", endpoint lint ").append(lint.name().toLowerCase(java.util.Locale.ROOT));
    if (!rollout.checks().isEmpty()) {
      b.append(", NOT ENFORCED (report-only): ").append(String.join(", ", rollout.checks()));
    }
    return b.toString();
  }
}
