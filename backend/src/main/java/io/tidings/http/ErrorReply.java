package io.tidings.http;

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

/**
 * Every error Tidings answers, in one shape: a 4xx (or, for a defect of ours, 500) status and
 * {@code {"succeeded": false, "errorMessage": "..."}} saying what was wrong.
 */
public final class ErrorReply {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorReply.class);

  private ErrorReply() {
  }

  public static void send(RoutingContext ctx, int status, String errorMessage) {
    reply(ctx.response(), status, errorMessage, false);
  }

  /** A 429: the client may try again after {@code retryAfterSeconds} (the {@code Retry-After} header). */
  public static void tooMany(HttpServerResponse response, int retryAfterSeconds, String errorMessage) {
    if (!response.headWritten()) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    }
    send(response, 429, errorMessage);
  }

  public static void send(HttpServerResponse response, int status, String errorMessage) {
    reply(response, status, errorMessage, false);
  }

  /**
   * Answers, then closes the connection (HTTP/1.x; HTTP/2 ends just the stream): for a request
   * whose remaining bytes cannot be trusted to start the next request.
   */
  public static void sendAndClose(HttpServerResponse response, HttpConnection connection, boolean http2,
                                  int status, String errorMessage) {
    reply(response, status, errorMessage, !http2).onComplete(v -> {
      if (!http2) {
        connection.close();
      }
    });
  }

  private static Future<Void> reply(HttpServerResponse response, int status, String errorMessage, boolean close) {
    if (response.headWritten()) {
      // an open stream cannot change its status: end it rather than leave it hanging
      response.reset();
      return Future.succeededFuture();
    }
    if (close) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    return response.setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(new JsonObject().put("succeeded", false).put("errorMessage", errorMessage).encode());
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
      ctx.request().version() == HttpVersion.HTTP_2, 408,
      "request body did not arrive within " + bodyTimeoutSeconds + " seconds"));
    router.errorHandler(415, ctx -> send(ctx, 415,
      "Content-Type must be application/json, got " + contentTypeOf(ctx)));
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
