package io.tidings.sse;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * One open event stream: one browser tab. Writes never wait: a stream whose unsent bytes pass
 * its queue limit is closed instead, so one slow reader cannot hold back the others.
 */
public final class SseStream {

  private final String user;
  private final boolean presence;
  private final HttpServerResponse response;
  private boolean closed;

  private SseStream(String user, boolean presence, HttpServerResponse response) {
    this.user = user;
    this.presence = presence;
    this.response = response;
  }

  /** Sends the stream's headers and first bytes at once, so browsers and proxies see it open. */
  public static SseStream open(HttpServerResponse response, String user, boolean presence,
                               int retryMillis, int queueBytes) {
    response
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
      .putHeader("X-Accel-Buffering", "no")
      .setChunked(true)
      .setWriteQueueMaxSize(queueBytes);
    response.write(SseEncoder.retry(retryMillis));
    return new SseStream(user, presence, response);
  }

  public String user() {
    return user;
  }

  /** Whether this stream asked for presence events ({@code ?presence=false} opts out). */
  public boolean wantsPresence() {
    return presence;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Runs once when the stream ends, whoever ends it. */
  public void onClose(Runnable action) {
    response.closeHandler(v -> {
      closed = true;
      action.run();
    });
  }

  /**
   * @return {@code false} when the stream was too slow and has been closed (the caller counts it)
   */
  public boolean send(Buffer event) {
    if (closed) {
      return true;
    }
    if (response.writeQueueFull()) {
      close();
      return false;
    }
    response.write(event);
    return true;
  }

  /** Closes the connection under the stream: a stalled reader cannot take a graceful end. */
  public void close() {
    if (!closed) {
      closed = true;
      response.reset();
    }
  }
}
