package dev.gatehouse.core.support;

import dev.gatehouse.testkit.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Gives the application under test a clock the test moves by hand (modules use a Clock bean). */
@ApplicationScoped
public class TestClock {

  private final MutableClock clock = MutableClock.startingNow();

  @Produces
  @Singleton
  MutableClock clock() {
    return clock;
  }
}
