package io.tidings.http.edge;

import io.netty.channel.ChannelPipeline;
import io.tidings.config.TidingsOptions;
import io.tidings.http.ErrorReply;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.concurrent.TimeUnit;

/**
 * What happens to a request before the router sees it: the HTTP/1.1 decoder that refuses ambiguous
 * framing ({@link StrictRequestDecoder}), the JSON answer to every refusal, the idle and head timeouts,
 * and quiet logging of connection-level errors.
 */
public final class HttpEdge {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

  private final EdgeLimits limits;

  private HttpEdge(EdgeLimits limits) {
    this.limits = limits;
  }

  /** Sets the server options the edge relies on: timeouts and head limits. */
  public static HttpServerOptions configure(HttpServerOptions server, TidingsOptions options) {
    options.checkTimeouts();
    return server
      .setIdleTimeout(options.getIdleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      .setMaxInitialLineLength(options.getMaxRequestLineBytes())
      .setMaxHeaderSize(options.getMaxHeaderBytes());
  }

  /**
   * Installs the edge on a server created with options passed through {@link #configure}; then each
   * new connection goes on to {@code next}.
   *
   * <p>With h2c on, Vert.x builds the HTTP/1.1 pipeline only after sniffing the first bytes and
   * announces the connection after its first request was decoded, too late to swap the decoder: the
   * strict decoder and the head timeout then do not apply (documented with {@code --h2c}).
   */
  public static HttpServer installOn(HttpServer server, HttpServerOptions serverOptions, TidingsOptions options,
                                     Handler<HttpConnection> next) {
    HttpEdge edge = new HttpEdge(EdgeLimits.of(options, serverOptions.getMaxChunkSize()));
    boolean strict = !serverOptions.isHttp2ClearTextEnabled();
    return server
      .connectionHandler(connection -> {
        if (strict) {
          edge.replaceDecoder(connection);
        }
        next.handle(connection);
      })
      .invalidRequestHandler(edge::refuse)
      // decoder failures, resets, timeouts: a client's doing, not ours; one quiet line each
      .exceptionHandler(failure -> {
        if (LOG.isDebugEnabled()) {
          LOG.debug("HTTP connection error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
      });
  }

  /**
   * Runs when Vert.x has built the connection's pipeline and before it reads a byte. Vert.x exposes no
   * configuration of its decoder, so the only way to decode by the book is to replace it in the Netty
   * pipeline, reached through Vert.x's internal ConnectionBase.
   */
  private void replaceDecoder(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get("httpDecoder") == null || pipeline.get("httpEncoder") == null) {
      return; // not HTTP/1.x
    }
    ResponseProgress responses = new ResponseProgress();
    // after the encoder on the outbound path from Vert.x's handler, so it sees response objects, not bytes
    pipeline.addAfter("httpEncoder", ResponseProgress.NAME, responses);
    pipeline.replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(limits, responses));
  }

  /** Every request the decoder failed: the JSON error shape, then the connection is closed. */
  private void refuse(HttpServerRequest request) {
    CodecRefusal refusal = CodecFailures.describeHead(request.decoderResult().cause(), limits);
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      request.connection().close();
      return;
    }
    ErrorReply.sendAndClose(response, request.connection(), request.version(), refusal.status(), refusal.getMessage());
  }
}
