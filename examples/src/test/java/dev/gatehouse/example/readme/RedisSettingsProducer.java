package dev.gatehouse.example.readme;

import dev.gatehouse.redis.RedisSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The bean that gives gatehouse-redis its settings in code. */
@ApplicationScoped
public class RedisSettingsProducer {
  @Inject Vault vault;

  // readme:settings-in-code-redis
  @Produces RedisSettings redis() {      // Redis has no feature: a CDI bean of its settings
    return RedisSettings.builder().url(vault.redisUrl()).build();
  }
  // readme:end
}
