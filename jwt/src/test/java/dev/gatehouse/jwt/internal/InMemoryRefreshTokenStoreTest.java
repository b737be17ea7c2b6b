package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.RefreshTokenStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {

  @Override
  RefreshTokenStore newStore() {
    return new InMemoryRefreshTokenStore(50);
  }

  @Override
  long heldFor(String family) {
    return ((InMemoryRefreshTokenStore) store).heldFor(family);
  }

  @Test
  void staysWithinItsBoundDroppingTheOldestSession() {
    InMemoryRefreshTokenStore bounded = (InMemoryRefreshTokenStore) store;
    RefreshTokens.Parsed oldest = start("first");
    for (int i = 0; i < 200; i++) {
      start("user-" + i);
    }
    assertThat(bounded.size()).isLessThanOrEqualTo(50);
    assertThat(store.family(oldest.family(), clock.instant())).isEmpty();
  }

  @Test
  void expiredSessionsAreSweptBeforeLiveOnesAreDropped() {
    InMemoryRefreshTokenStore bounded = (InMemoryRefreshTokenStore) store;
    for (int i = 0; i < 50; i++) {
      start("old-" + i);
    }
    clock.advance(ABSOLUTE.plus(Duration.ofSeconds(1)));
    RefreshTokens.Parsed fresh = start("fresh");
    assertThat(bounded.size()).isEqualTo(1);
    assertThat(store.family(fresh.family(), clock.instant())).isPresent();
  }
}
