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
  private final String session;
  private final boolean presence;
  private final HttpServerResponse response;
  private final HttpConnection connection;
  // no more writes: ended or aborted by us, or closed by the peer
  private boolean closed;
  // the connection (HTTP/2: the stream) is closed, or the end of the response has been written
  private boolean gone;
  private Runnable closeAction;
  private boolean subscribed;
  // what arrived since the last flush: the shared event itself when it is one, a copy when several
  private Buffer pending;
  private boolean pendingOwned;
  // HTTP/2 only (-1 on HTTP/1.1): bytes handed to write whose write has not completed yet
  private long unsentBytes;
  private final int queueBytes;

  private SseStream(String user, String session, boolean presence, HttpServerResponse response,
                    HttpConnection connection, boolean http2, int queueBytes) {
    this.user = user;
    this.session = session;
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
  /** @param session the nickname session the stream was opened with, or {@code null} */
  public static SseStream open(HttpServerRequest request, String user, String session, boolean presence,
                               int retryMillis, int queueBytes) {
    HttpServerResponse response = request.response();
    putHeaders(response).setWriteQueueMaxSize(queueBytes);
    SseStream stream = new SseStream(user, session, presence, response, request.connection(),
      request.version() == HttpVersion.HTTP_2, queueBytes);
    stream.write(SseEncoder.retry(retryMillis));
    return stream;
  }

  public String user() {
    return user;
  }

  /** The hash of the nickname session this stream belongs to, or {@code null} in the other modes. */
  public String session() {
    return session;
  }

  /** Whether this stream asked for presence events ({@code ?presence=false} opts out). */
  public boolean wantsPresence() {
    return presence;
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Whether the stream is live: it has had its welcome and its replay, and from then on receives
   * events as they come. Presence and heartbeats wait for it, so the welcome is always first.
   */
  public boolean isSubscribed() {
    return subscribed;
  }

  public void markSubscribed() {
    subscribed = true;
  }

  /**
   * Runs once when the stream ends, whoever ends it. Vert.x reports the close of a connection only
   * to a response still in progress, so a stream we end ourselves runs it at {@link #end()}.
   */
  public void onClose(Runnable action) {
    closeAction = action;
    response.closeHandler(v -> {
      closed = true;
      gone = true;
      runCloseAction();
    });
  }

  private void runCloseAction() {
    Runnable action = closeAction;
    closeAction = null;
    if (action != null) {
      action.run();
    }
  }

  /**
   * Queues an event until the next {@link #flush()}: events that arrive together go out in one
   * write, rather than one write and one system call each.
   *
   * @return {@code false} when the stream was too slow and has been closed (the caller counts it)
   */
  public boolean send(Buffer event) {
    return send(event, null);
  }

  /**
   * Queues an event in two parts: the bytes shared by every stream of a fan-out, and this stream's
   * own ending (its id), or {@code null}.
   *
   * @return {@code false} when the stream was too slow: it is then being closed (the caller counts it)
   */
  public boolean send(Buffer shared, Buffer own) {
    if (closed) {
      return true;
    }
    if (unsentBytes < 0 ? response.writeQueueFull() : unsentBytes >= queueBytes) {
      return false;
    }
    enqueue(shared, own);
    return true;
  }

  private void enqueue(Buffer shared, Buffer own) {
    if (pending == null && own == null) {
      pending = shared;
      return;
    }
    int more = shared.length() + (own == null ? 0 : own.length());
    if (!pendingOwned) {
      Buffer owned = Buffer.buffer(Math.max(256, 2 * ((pending == null ? 0 : pending.length()) + more)));
      if (pending != null) {
        owned.appendBuffer(pending);
      }
      pending = owned;
      pendingOwned = true;
    }
    pending.appendBuffer(shared);
    if (own != null) {
      pending.appendBuffer(own);
    }
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
      // once written, the connection may carry the client's next request: abort() must leave it alone
      response.end().onComplete(ar -> gone = true);
      runCloseAction();
    }
  }

  /**
   * For a reader that fell behind its queue bound: on HTTP/1.1, queues a last event (telling it to
   * reconnect, and so to resume from its last id) and ends the stream, so a reader that is slow but
   * alive gets everything up to there; the caller aborts it after a grace period if it never reads
   * that far. On HTTP/2 the stream is reset at once: its flow-control window is what stalled.
   */
  public void endSlow(Buffer lastEvent) {
    if (closed) {
      return;
    }
    if (unsentBytes >= 0) {
      abort();
      return;
    }
    enqueue(lastEvent, null);
    end();
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
    if (!gone) {
      closed = true;
      gone = true;
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
