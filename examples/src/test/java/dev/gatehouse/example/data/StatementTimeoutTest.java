package dev.gatehouse.example.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.StoreUnavailableException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runaway statement is cancelled by the database at {@code EXAMPLE_DB_STATEMENT_TIMEOUT}: the
 * unit of work fails as an unavailable store (503, never 500) and the pool's only connection is
 * free again for the next one. The statement is ten billion rows of a cross join — minutes of
 * work on any machine — so the test does not depend on how fast this one is; without the timeout
 * it would run into {@code @Timeout} and fail.
 */
class StatementTimeoutTest {

  private static final String RUNAWAY =
      "select count(*) from system_range(1, 100000) a, system_range(1, 100000) b";

  private final Database db = new Database("jdbc:h2:mem:timeout-" + UUID.randomUUID()
      + ";DB_CLOSE_DELAY=-1", PoolSettings.builder().size(1)
      .statementTimeout(Duration.ofMillis(200)).build());

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aStatementPastTheTimeoutIsCancelledAndItsConnectionGoesBackToThePool() {
    assertThatThrownBy(() -> db.tx(em -> em.createNativeQuery(RUNAWAY).getSingleResult()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(((Number) db.tx(em -> em.createNativeQuery("select 1").getSingleResult()))
        .intValue()).isEqualTo(1);
  }

  @Test
  void theDefaultTimeoutIsFiveSeconds() {
    assertThat(PoolSettings.defaults().statementTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theDatabaseItselfEnforcesTheTimeoutOnPostgresqlAndH2() {
    assertThat(ConnectionPool.statementTimeoutSql("jdbc:postgresql://127.0.0.1/test", 5000))
        .contains("SET statement_timeout = 5000");
    assertThat(ConnectionPool.statementTimeoutSql("jdbc:h2:mem:x", 250))
        .contains("SET QUERY_TIMEOUT 250");
  }
}
