package dev.gatehouse.core.support;

import dev.gatehouse.testkit.MutableClock;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.eclipse.microprofile.config.Config;

/**
 * Gives the application under test a clock the test moves by hand (modules use a Clock bean). It
 * starts at the real time, or at {@value #START} when that property is set: two instances in two
 * JVMs that share a store must agree on the time, or a bucket one instance fills looks long
 * refilled to the other.
 */
@ApplicationScoped
public class TestClock {

  /** An ISO-8601 instant both instances of a multi-instance test start their clocks at. */
  public static final String START = "gatehouse-test.clock.start";

  @Inject
  Config config;

  private MutableClock clock;

  @PostConstruct
  void start() {
    clock = new MutableClock(config.getOptionalValue(START, String.class).map(Instant::parse)
        .orElseGet(Instant::now));
  }

  @Produces
  @Singleton
  MutableClock clock() {
    return clock;
  }
}
