package dev.gatehouse.example.readme;

import dev.gatehouse.cors.CorsSettings;
import dev.gatehouse.cors.GatehouseCorsFeature;
import dev.gatehouse.ratelimit.GatehouseRateLimitFeature;
import dev.gatehouse.ratelimit.RateLimitPolicy;
import dev.gatehouse.ratelimit.RateLimitSettings;
import java.time.Duration;
import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;

/** A Jersey application that gives ratelimit and cors their settings in code. */
public class SettingsInCodeApp extends ResourceConfig {
  public SettingsInCodeApp() {
    // readme:settings-in-code-features
    register(new GatehouseRateLimitFeature(RateLimitSettings.builder()
        .policy(RateLimitPolicy.builder("login").limit(5).period(Duration.ofMinutes(1)).build())
        .build()));
    register(new GatehouseCorsFeature(CorsSettings.builder()
        .allowedOrigins(List.of("https://app.example.com")).build()));
    // readme:end
  }
}
