package io.tidings.ratelimit;

import io.tidings.config.RateLimitOptions;
import io.tidings.identity.Refusal;
import io.vertx.core.Future;

/**
 * The configured limits, each a count of requests per subject per minute, checked through the
 * node's {@link RateLimiter}. A refusal is a {@link Refusal} 429 that says which limit, and when
 * the window ends ({@code Retry-After}).
 */
public final class RateLimits {

  private final RateLimiter limiter;
  private final RateLimitOptions options;

  public RateLimits(RateLimiter limiter, RateLimitOptions options) {
    this.limiter = limiter;
    this.options = options;
  }

  public Future<Void> sessionClaim(String address) {
    return check("session:" + address, options.getSessionsPerAddress(), "names claimed from this address");
  }

  public Future<Void> streamOpen(String address) {
    return check("stream:" + address, options.getStreamsPerAddress(), "streams opened from this address");
  }

  /** Both the user's and the address's count go up: neither many names on one address nor one name on many evades it. */
  public Future<Void> message(String user, String address) {
    return Future.all(
        check("message-user:" + user, options.getMessagesPerUser(), "messages from user '" + user + "'"),
        check("message-address:" + address, options.getMessagesPerAddress(), "messages from this address"))
      .mapEmpty();
  }

  public void close() {
    limiter.close();
  }

  private Future<Void> check(String key, int limit, String what) {
    if (limit == 0) {
      return Future.succeededFuture();
    }
    return limiter.hit(key, RateLimitOptions.WINDOW_MILLIS).compose(count -> {
      if (count <= limit) {
        return Future.succeededFuture();
      }
      long now = System.currentTimeMillis();
      long windowEnd = now - now % RateLimitOptions.WINDOW_MILLIS + RateLimitOptions.WINDOW_MILLIS;
      return Future.failedFuture(Refusal.tooMany((int) ((windowEnd - now + 999) / 1000),
        "too many " + what + ": the limit is " + limit + " a minute"));
    });
  }
}
