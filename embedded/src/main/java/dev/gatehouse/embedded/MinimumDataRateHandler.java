package dev.gatehouse.embedded;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Fails a request body that arrives slower than {@code bytesPerSecond} with 408 — measured as the
 * client sends, while the body is being received, and never after it is complete.
 *
 * <p>Jetty's own {@code HttpConfiguration.setMinRequestDataRate} measures at each servlet read,
 * from the first byte to the moment the <em>application</em> reads: a small body that arrived
 * whole but waited for a busy thread pool, or for a cold application's first request, fails with
 * 408 (and frameworks that do not expect Jetty's exception answer 500). Placed outside
 * {@code EagerContentHandler}, this check sees every chunk as it arrives, so it judges the client,
 * not the server's load. A client that sends nothing at all is left to the idle timeout.
 */
final class MinimumDataRateHandler extends Handler.Wrapper {

  /** Allowance before the rate counts: a body's first bytes may take a round trip to come. */
  private static final long GRACE_MILLIS = 1_000;

  private final long bytesPerSecond;

  MinimumDataRateHandler(Handler next, long bytesPerSecond) {
    super(next);
    this.bytesPerSecond = bytesPerSecond;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return super.handle(new RateChecked(request, bytesPerSecond), response, callback);
  }

  /** The request whose body chunks are checked against the rate as they arrive. */
  private static final class RateChecked extends Request.Wrapper {

    private final long bytesPerSecond;
    private long bytes;
    private boolean complete;

    RateChecked(Request request, long bytesPerSecond) {
      super(request);
      this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = super.read();
      if (chunk == null || complete || Content.Chunk.isFailure(chunk)) {
        return chunk;
      }
      bytes += chunk.remaining();
      if (chunk.isLast()) {
        complete = true;
        return chunk;
      }
      long late = NanoTime.millisSince(getBeginNanoTime()) - GRACE_MILLIS;
      if (late > 0 && bytes * 1000 < bytesPerSecond * late) {
        chunk.release();
        // a timeout, which is what it is: applications (Gatehouse) answer it with 408
        return Content.Chunk.from(new TimeoutException(
            "request body slower than " + bytesPerSecond + " B/s"), true);
      }
      return chunk;
    }
  }
}
