package io.tidings.sse;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One open event stream: one browser tab. Writes never wait: a stream whose unsent bytes pass
 * its queue limit is closed instead, so one slow reader cannot hold back the others.
 *
 * <p>On HTTP/2 the stream is one of several on its connection, so a slow one is reset alone
 * (RST_STREAM CANCEL). There {@code writeQueueFull()} reflects the peer's flow-control window, not
 * the bytes waiting, so the stream counts its unsent bytes itself: written minus acknowledged writes.
 */
public final class SseStream {

  /** HTTP/2 error code CANCEL: the stream is no longer needed. */
  private static final long CANCEL = 8;

  private final String user;
  private final boolean presence;
  private final HttpServerResponse response;
  private final HttpConnection connection;
  private boolean closed;
  private boolean subscribed;
  // what arrived since the last flush: the shared event itself when it is one, a copy when several
  private Buffer pending;
  private boolean pendingOwned;
  // HTTP/2 only (-1 on HTTP/1.1): bytes handed to write whose write has not completed yet
  private long unsentBytes;
  private final int queueBytes;

  private SseStream(String user, boolean presence, HttpServerResponse response, HttpConnection connection,
                    boolean http2, int queueBytes) {
    this.user = user;
    this.presence = presence;
    this.response = response;
    this.connection = connection;
    this.unsentBytes = http2 ? 0 : -1;
    this.queueBytes = queueBytes;
  }

  /** The headers of a stream; HEAD answers with them too, without opening one. */
  public static HttpServerResponse putHeaders(HttpServerResponse response) {
    return response
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
      .putHeader("X-Accel-Buffering", "no")
      .setChunked(true);
  }

  /** Sends the stream's headers and first bytes at once, so browsers and proxies see it open. */
  public static SseStream open(HttpServerRequest request, String user, boolean presence,
                               int retryMillis, int queueBytes) {
    HttpServerResponse response = request.response();
    putHeaders(response).setWriteQueueMaxSize(queueBytes);
    SseStream stream = new SseStream(user, presence, response, request.connection(),
      request.version() == HttpVersion.HTTP_2, queueBytes);
    stream.write(SseEncoder.retry(retryMillis));
    return stream;
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

  /** Whether the stream has had its {@code welcome}: only then does it receive events, in order. */
  public boolean isSubscribed() {
    return subscribed;
  }

  public void markSubscribed() {
    subscribed = true;
  }

  /** Runs once when the stream ends, whoever ends it. */
  public void onClose(Runnable action) {
    response.closeHandler(v -> {
      closed = true;
      action.run();
    });
  }

  /**
   * Queues an event until the next {@link #flush()}: events that arrive together go out in one
   * write, rather than one write and one system call each.
   *
   * @return {@code false} when the stream was too slow and has been closed (the caller counts it)
   */
  public boolean send(Buffer event) {
    if (closed) {
      return true;
    }
    if (unsentBytes < 0 ? response.writeQueueFull() : unsentBytes >= queueBytes) {
      abort();
      return false;
    }
    if (pending == null) {
      pending = event;
    } else {
      if (!pendingOwned) {
        pending = Buffer.buffer(Math.max(256, 2 * (pending.length() + event.length()))).appendBuffer(pending);
        pendingOwned = true;
      }
      pending.appendBuffer(event);
    }
    return true;
  }

  public boolean hasPending() {
    return pending != null;
  }

  /** Writes what was queued, in one write. */
  public void flush() {
    if (pending != null) {
      Buffer out = pending;
      pending = null;
      pendingOwned = false;
      if (!closed) {
        write(out);
      }
    }
  }

  private void write(Buffer out) {
    if (unsentBytes < 0) {
      response.write(out);
      return;
    }
    int length = out.length();
    unsentBytes += length;
    response.write(out).onComplete(ar -> unsentBytes -= length);
  }

  /** Ends the stream cleanly, after what is queued; the browser reconnects after the retry delay. */
  public void end() {
    if (!closed) {
      flush();
      closed = true;
      response.end();
    }
  }

  /**
   * Drops the connection at once, with whatever is still queued: for a reader that stopped reading.
   * On HTTP/2, resets this stream only; the queued frames of a closed stream are discarded.
   *
   * <p>Every close that Vert.x offers ({@code reset()}, {@code connection().close()}, even
   * {@code channel().close()}, which its pipeline handler intercepts) first flushes what is queued,
   * and that never completes for a stalled reader: the stream would stay registered forever.
   * Closing from the pipeline's first context, below Vert.x's handler, fails the queued writes and
   * then runs Vert.x's normal close path. Vert.x 5 has no public abortive close, hence the
   * channel of its connection implementation.
   */
  public void abort() {
    if (!closed) {
      closed = true;
      if (unsentBytes >= 0) {
        // HTTP/2: the other streams of the connection go on
        response.reset(CANCEL);
      } else if (connection instanceof ConnectionBase base && base.channel().pipeline().firstContext() != null) {
        base.channel().pipeline().firstContext().close();
      } else {
        connection.close();
      }
    }
  }
}
