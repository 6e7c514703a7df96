package io.tidings.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;

/**
 * Every error Tidings answers, in one shape: a 4xx (or, for a defect of ours, 500) status and
 * {@code {"succeeded": false, "errorMessage": "..."}} saying what was wrong.
 */
public final class ErrorReply {

  private static final String CONTENT_TYPE = "application/json; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReply.class);

  private ErrorReply() {
  }

  public static void send(RoutingContext ctx, int status, String errorMessage) {
    send(ctx.response(), status, errorMessage);
  }

  /** A 429: the client may try again after {@code retryAfterSeconds} (the {@code Retry-After} header). */
  public static Future<Void> tooMany(HttpServerResponse response, int retryAfterSeconds, String errorMessage) {
    if (!response.headWritten()) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    }
    return send(response, 429, errorMessage);
  }

  /** Answers; the caller decides about the connection. A stream already under way is reset instead. */
  public static Future<Void> send(HttpServerResponse response, int status, String errorMessage) {
    if (response.headWritten()) {
      // an open stream cannot change its status: end it rather than leave it hanging
      response.reset();
      return Future.succeededFuture();
    }
    return response.setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(body(errorMessage));
  }

  /**
   * Answers with {@code Connection: close}, then closes the connection (HTTP/1.x; on HTTP/2 the
   * answer ends just the stream): for a request whose remaining bytes cannot be trusted to start
   * the next one. Vert.x does not close on a handler's {@code Connection: close} by itself.
   */
  public static Future<Void> sendAndClose(HttpServerResponse response, HttpConnection connection, HttpVersion version,
                                          int status, String errorMessage) {
    boolean http2 = version == HttpVersion.HTTP_2;
    if (!http2 && !response.headWritten()) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    return send(response, status, errorMessage).onComplete(v -> {
      if (!http2) {
        connection.close();
      }
    });
  }

  /**
   * A complete HTTP/1.1 error response with {@code Connection: close}, as bytes, for the codec edge
   * to write straight to a socket where no request object exists (a head that never completed).
   */
  public static byte[] rawClosing(int status, String errorMessage) {
    byte[] body = body(errorMessage).getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "\r\n"
      + "Content-Type: " + CONTENT_TYPE + "\r\n"
      + "Cache-Control: no-store\r\n"
      + "Connection: close\r\n"
      + "Content-Length: " + body.length + "\r\n\r\n";
    byte[] bytes = new byte[head.length() + body.length];
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
    System.arraycopy(body, 0, bytes, headBytes.length, body.length);
    return bytes;
  }

  private static String body(String errorMessage) {
    return new JsonObject().put("succeeded", false).put("errorMessage", errorMessage).encode();
  }

  /** Turns the router's own failures (no route, wrong method, body too large, ...) into the same shape. */
  public static void installOn(Router router, int maxBodyBytes, int bodyTimeoutSeconds) {
    router.errorHandler(400, ctx -> send(ctx, 400, describe(ctx, "bad request")));
    router.errorHandler(404, ctx -> send(ctx, 404,
      "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(405, ctx -> send(ctx, 405,
      "method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> send(ctx, 413,
      "request body is larger than the limit of " + maxBodyBytes + " bytes"));
    // the rest of a late body may still arrive: close, so it cannot be read as the next request
    router.errorHandler(408, ctx -> sendAndClose(ctx.response(), ctx.request().connection(),
      ctx.request().version(), 408,
      "request body did not arrive within " + bodyTimeoutSeconds + " seconds"));
    router.errorHandler(415, ctx -> send(ctx, 415,
      "Content-Type must be application/json, got " + contentTypeOf(ctx)));
    // an expectation we cannot meet leaves the client unsure whether to send its body: end the connection
    router.errorHandler(417, ctx -> {
      String message = "only 'Expect: 100-continue' is supported, got '" + ctx.request().getHeader(HttpHeaders.EXPECT) + "'";
      sendAndClose(ctx.response(), ctx.request().connection(), ctx.request().version(), 417, message);
    });
    // BodyHandler fails with status 200 when the connection closes mid-body (a client gone, or the codec
    // edge refusing a malformed chunk); without a handler vertx-web logs a stack trace for each
    router.errorHandler(200, ctx -> {
      if (LOG.isDebugEnabled()) {
        LOG.debug("Request body not read: " + ctx.failure());
      }
      if (!ctx.response().closed() && !ctx.response().ended()) {
        send(ctx, 400, describe(ctx, "the request body could not be read"));
      }
    });
    router.errorHandler(500, ctx -> {
      LOG.error("Failed to handle " + ctx.request().method() + " " + ctx.request().path(), ctx.failure());
      send(ctx, 500, "internal error");
    });
  }

  private static String describe(RoutingContext ctx, String fallback) {
    Throwable failure = ctx.failure();
    return failure != null && failure.getMessage() != null ? fallback + ": " + failure.getMessage() : fallback;
  }

  private static String contentTypeOf(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    return type == null ? "none" : "'" + type + "'";
  }
}
