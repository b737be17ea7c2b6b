package dev.gatehouse.example.data;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.RollbackException;
import java.sql.SQLException;
import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;

/**
 * Which failures of a transaction mean "the database is unreachable" (503) rather than a bug
 * (500), as the drivers and Hibernate wrap them. The faults-under-load test proves the 503 over
 * HTTP with H2, and with PostgreSQL when {@code GATEHOUSE_TEST_PG_URL} is set.
 */
class DatabaseFailuresTest {

  /** What Hibernate throws when PostgreSQL's connection breaks during a commit. */
  private static RuntimeException commitFailed(SQLException cause) {
    return new RollbackException("Error while committing the transaction",
        new TransactionException("Unable to commit against JDBC Connection", cause));
  }

  @Test
  void aConnectionLostDuringACommitIsAnUnreachableDatabase() {
    assertThat(Database.lostConnection(commitFailed(
        new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
        .isTrue();
    assertThat(Database.lostConnection(commitFailed(
        new SQLException("Connection attempt failed.", "08001")))).isTrue();
  }

  @Test
  void aRefusedStatementIsNotAnUnreachableDatabase() {
    assertThat(Database.lostConnection(commitFailed(
        new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    assertThat(Database.lostConnection(commitFailed(new SQLException("no state")))).isFalse();
    assertThat(Database.lostConnection(new IllegalStateException("a bug"))).isFalse();
  }
}
