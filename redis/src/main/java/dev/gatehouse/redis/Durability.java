package dev.gatehouse.redis;

import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * How many replicas must have a write before Gatehouse answers —
 * {@code gatehouse.redis.wait-replicas} — for the writes a failover must not undo: a refresh-token rotation or revocation, a denied
 * token or session. With 0 (the default) a write is answered once the master has it, and a
 * failover to a replica that had not received it yet loses it: a rotated refresh token would be
 * accepted again (a forked session), a revoked one would work again. With {@code n}, the write and
 * a {@code WAIT n} go on one connection (a pipeline, so still one round trip), and fewer than
 * {@code n} acknowledgements within the wait answer as a store failure
 * ({@link NotReplicatedException}) — the caller's {@code on-store-failure} policy, never a
 * success the store may forget.
 *
 * <p>{@code WAIT} makes a replica's copy likely, not certain (Redis documents it as not making
 * Redis strongly consistent): a failover that promotes a replica that did not acknowledge can
 * still lose the write, so Sentinel or the cluster should prefer the most up-to-date replica
 * (their default).
 *
 * @param replicas how many replicas must acknowledge, 0 for none
 * @param waitTimeout how long {@code WAIT} waits for them
 */
public record Durability(int replicas, Duration waitTimeout) {

  /** Answer once the master has the write. */
  public static final Durability MASTER_ONLY = new Durability(0, Duration.ZERO);

  public Durability {
    Objects.requireNonNull(waitTimeout);
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas: " + replicas);
    }
  }

  /**
   * The settings' {@code wait-replicas}, waited for at most half the timeout, so that the
   * {@code WAIT}'s answer arrives within the socket's read timeout.
   */
  public static Durability of(RedisSettings settings) {
    return settings.waitReplicas() == 0 ? MASTER_ONLY
        : new Durability(settings.waitReplicas(),
            Duration.ofMillis(Math.max(1, settings.timeout().toMillis() / 2)));
  }

  /** Whether writes wait for replicas. */
  public boolean waits() {
    return replicas > 0;
  }

  /**
   * {@code SET key value params}, acknowledged as these settings require.
   *
   * @throws NotReplicatedException when fewer replicas acknowledged
   * @throws JedisException when Redis cannot be reached or refuses
   */
  public void set(UnifiedJedis redis, String key, String value, SetParams params) {
    if (!waits()) {
      redis.set(key, value, params);
      return;
    }
    try (AbstractPipeline p = redis.pipelined()) {
      Response<String> done = p.set(key, value, params);
      Response<Long> acked = p.waitReplicas(key, replicas, waitTimeout.toMillis());
      p.sync();
      Pipelines.answer(done);
      check(acked, "SET");
    }
  }

  /** Throws unless {@code acked} reached {@link #replicas}. */
  void check(Response<Long> acked, String what) {
    long n = Pipelines.answer(acked);
    if (n < replicas) {
      throw new NotReplicatedException(what, n, replicas, waitTimeout);
    }
  }

  /** A write the master took but too few replicas acknowledged within the wait. */
  public static final class NotReplicatedException extends JedisException {

    private static final long serialVersionUID = 1L;

    NotReplicatedException(String what, long acknowledged, int required, Duration waitTimeout) {
      super(what + " reached " + acknowledged + " of the " + required + " replicas"
          + " gatehouse.redis.wait-replicas requires within " + waitTimeout
          + "; answered as a store failure, since a failover could lose it");
    }
  }
}
