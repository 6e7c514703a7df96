package io.tidings.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
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
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // an open stream cannot change its status: end it rather than leave it hanging
      response.reset();
      return;
    }
    send(response, status, errorMessage);
  }

  /** Answers on a response nothing has been written to yet; the caller decides about the connection. */
  public static Future<Void> send(HttpServerResponse response, int status, String errorMessage) {
    return response.setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(body(errorMessage));
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
  public static void installOn(Router router, int maxBodyBytes) {
    router.errorHandler(400, ctx -> send(ctx, 400, describe(ctx, "bad request")));
    router.errorHandler(404, ctx -> send(ctx, 404,
      "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(405, ctx -> send(ctx, 405,
      "method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> send(ctx, 413,
      "request body is larger than the limit of " + maxBodyBytes + " bytes"));
    router.errorHandler(415, ctx -> send(ctx, 415,
      "Content-Type must be application/json, got " + contentTypeOf(ctx)));
    // an expectation we cannot meet leaves the client unsure whether to send its body: end the connection
    router.errorHandler(417, ctx -> {
      String message = "only 'Expect: 100-continue' is supported, got '" + ctx.request().getHeader(HttpHeaders.EXPECT) + "'";
      if (ctx.response().headWritten()) {
        ctx.response().reset();
        return;
      }
      send(ctx.response().putHeader(HttpHeaders.CONNECTION, "close"), 417, message)
        .onComplete(v -> ctx.request().connection().close());
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
