package dev.gatehouse.bench.jwt;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.jwt.internal.BenchJwt;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Access-token verification, Gatehouse beside its rivals in one run. Every case but
 * {@link #gatehouseSameToken} takes the next token of a pool signed before measuring (a token
 * seen for the first time, past any cache); the same token again is what a client reusing its
 * access token for minutes costs. A subclass names the algorithm, the keys and the raw JCA floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class VerifyBenchmark {

  String[] pool;
  private String same;
  private byte[] sameBytes;
  private BenchJwt.Verifier gatehouse;
  private DefaultJWTParser smallrye;
  private JwtConsumer jose4j;
  private DefaultJWTProcessor<SecurityContext> nimbus;

  /** Signs the pool and builds every verifier once. */
  abstract Fixture fixture() throws Exception;

  /** The floor: signature and {@code exp} with the JDK alone. */
  abstract boolean rawJca(RawState raw, String token) throws Exception;

  record Fixture(String[] pool, BenchJwt.Verifier gatehouse, DefaultJWTParser smallrye,
      JwtConsumer jose4j, DefaultJWTProcessor<SecurityContext> nimbus) {
  }

  /** Each thread's place in the pool and its own JCA objects (they are not thread-safe). */
  @State(Scope.Thread)
  public static class RawState {
    int next = ThreadLocalRandom.current().nextInt();
    Object jca;

    String take(String[] pool) {
      return pool[next++ & (pool.length - 1)];
    }
  }

  @Setup
  public void setUp() throws Exception {
    Fixture f = fixture();
    pool = f.pool();
    if (pool.length <= 2 * BenchJwt.KEPT_TOKENS) {
      // a pool the verifier can keep whole would measure its cache, not first verifications
      throw new IllegalStateException("the pool of first-seen tokens (" + pool.length
          + ") must be over twice the verifier's " + BenchJwt.KEPT_TOKENS + " kept tokens");
    }
    same = pool[0];
    sameBytes = same.getBytes(StandardCharsets.US_ASCII);
    gatehouse = f.gatehouse();
    smallrye = f.smallrye();
    jose4j = f.jose4j();
    nimbus = f.nimbus();
    // every verifier must accept the tokens, or the run measures refusals
    gatehouse.verify(same);
    smallrye.parse(same);
    jose4j.processToClaims(same);
    nimbus.process(same, null);
    if (!rawJca(new RawState(), same)) {
      throw new IllegalStateException("the raw JCA check refused the benchmark's token");
    }
  }

  @Benchmark
  public Object gatehouseFirstSeen(RawState s) {
    return gatehouse.verify(s.take(pool));
  }

  /**
   * The same token text again, in a new {@code String} each call as a server's header parsing
   * makes one (its hash computed and its text compared again, not cached on one instance).
   */
  @Benchmark
  public Object gatehouseSameToken() {
    return gatehouse.verify(new String(sameBytes, StandardCharsets.US_ASCII));
  }

  @Benchmark
  public Object smallryeReusedParser(RawState s) throws Exception {
    return smallrye.parse(s.take(pool));
  }

  @Benchmark
  public Object jose4jConsumer(RawState s) throws Exception {
    return jose4j.processToClaims(s.take(pool));
  }

  @Benchmark
  public Object nimbusProcessor(RawState s) throws Exception {
    return nimbus.process(s.take(pool), null);
  }

  @Benchmark
  public boolean rawJca(RawState s) throws Exception {
    return rawJca(s, s.take(pool));
  }

  /** The pool size must be a power of two; the caller's lower bound keeps it past any cache. */
  static int poolSize(String property, int fallback) {
    int n = Integer.getInteger(property, fallback);
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException(property + "=" + n + ": use a power of two, e.g. "
          + Integer.highestOneBit(n));
    }
    return n;
  }

  /** Whether the token's {@code exp} (a JSON number in the payload) is still ahead. */
  static boolean notExpired(String token, int firstDot, int lastDot) {
    byte[] payload = Base64.getUrlDecoder().decode(token.substring(firstDot + 1, lastDot));
    String json = new String(payload, StandardCharsets.UTF_8);
    int at = json.indexOf("\"exp\":");
    if (at < 0) {
      return false;
    }
    long exp = 0;
    for (int i = at + 6; i < json.length() && Character.isDigit(json.charAt(i)); i++) {
      exp = exp * 10 + (json.charAt(i) - '0');
    }
    return exp > System.currentTimeMillis() / 1000;
  }
}
