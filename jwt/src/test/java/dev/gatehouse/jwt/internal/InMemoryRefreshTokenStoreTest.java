package dev.gatehouse.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.jwt.RefreshTokenStore;
import dev.gatehouse.jwt.RefreshTokenStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {

  @Override
  protected RefreshTokenStore newStore() {
    return new InMemoryRefreshTokenStore(50);
  }

  @Override
  protected long heldFor(String family) {
    return ((InMemoryRefreshTokenStore) store).heldFor(family);
  }

  @Test
  void staysWithinItsBoundDroppingTheOldestSession() {
    InMemoryRefreshTokenStore bounded = (InMemoryRefreshTokenStore) store;
    String oldest = startFamily("first");
    for (int i = 0; i < 200; i++) {
      startFamily("user-" + i);
    }
    assertThat(bounded.size()).isLessThanOrEqualTo(50);
    assertThat(store.family(oldest, now())).isEmpty();
  }

  @Test
  void expiredSessionsAreSweptBeforeLiveOnesAreDropped() {
    InMemoryRefreshTokenStore bounded = (InMemoryRefreshTokenStore) store;
    for (int i = 0; i < 50; i++) {
      startFamily("old-" + i);
    }
    advance(ABSOLUTE.plus(Duration.ofSeconds(1)));
    String fresh = startFamily("fresh");
    assertThat(bounded.size()).isEqualTo(1);
    assertThat(store.family(fresh, now())).isPresent();
  }
}
