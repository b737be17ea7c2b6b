package dev.gatehouse.redis;

import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Reading a pipeline's answers as a store failure when they never came. Jedis's cluster pipeline
 * ({@code MultiNodePipelineBase.sync}) logs a node's lost connection and returns normally,
 * leaving that node's responses unset, and reading an unset {@link Response} throws
 * {@link IllegalStateException} — which a caller that maps {@code JedisException} to a 503 would
 * let through as a 500. During a cluster failover that is every pipeline in flight to the killed
 * master.
 *
 * <pre>{@code
 * try (AbstractPipeline p = redis.pipelined()) { r = p.exists(key); p.sync(); }
 * boolean exists = Pipelines.answer(r);
 * }</pre>
 */
public final class Pipelines {

  private Pipelines() {
  }

  /**
   * The answer of a synced pipeline's command.
   *
   * @throws JedisConnectionException when the command's node was lost before it answered
   * @throws redis.clients.jedis.exceptions.JedisDataException when Redis answered an error
   */
  public static <T> T answer(Response<T> response) {
    try {
      return response.get();
    } catch (IllegalStateException unanswered) {
      throw new JedisConnectionException("the pipeline's connection was lost before this"
          + " command was answered", unanswered);
    }
  }
}
