package io.tidings.http;

import io.tidings.connections.ConnectionRegistry;
import io.tidings.connections.StreamQuota;
import io.tidings.identity.UserName;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.sse.SseStream;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /sse?user=NAME[&presence=false]} (and HEAD, which opens nothing): checks the request
 * and the per-user and per-address stream caps, then hands the open stream to the registry.
 */
final class StreamHandler implements Handler<RoutingContext> {

  private static final int RETRY_AFTER_SECONDS = 5;

  private final ConnectionRegistry registry;
  private final Readiness readiness;
  private final StreamQuota quota;
  private final TidingsMetrics metrics;
  private final int retryMillis;
  private final int queueBytes;

  StreamHandler(ConnectionRegistry registry, Readiness readiness, StreamQuota quota, TidingsMetrics metrics,
                int retryMillis, int queueBytes) {
    this.quota = quota;
    this.metrics = metrics;
    this.registry = registry;
    this.readiness = readiness;
    this.retryMillis = retryMillis;
    this.queueBytes = queueBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (readiness.isDraining()) {
      ErrorReply.send(ctx, 503, "this node is shutting down; connect again to reach another node");
      return;
    }
    String user = ctx.request().getParam("user");
    String problem = UserName.problem("query parameter 'user'", user);
    if (problem != null) {
      ErrorReply.send(ctx, 400, problem);
      return;
    }
    String presence = ctx.request().getParam("presence", "true");
    if (!presence.equals("true") && !presence.equals("false")) {
      ErrorReply.send(ctx, 400, "query parameter 'presence' must be true or false, got '" + presence + "'");
      return;
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      // the same checks and headers as GET, but no stream: nothing would ever read it
      SseStream.putHeaders(ctx.response()).end();
      return;
    }
    // behind a proxy every stream comes from the proxy's address: that cap then counts them all
    SocketAddress remote = ctx.request().remoteAddress();
    String address = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    switch (quota.acquire(user, address)) {
      case USER_FULL -> {
        metrics.streamRefusedPerUser();
        ErrorReply.tooMany(ctx.response(), RETRY_AFTER_SECONDS,
          "user '" + user + "' already has " + quota.perUser() + " streams open on this node; close one first");
        return;
      }
      case ADDRESS_FULL -> {
        metrics.streamRefusedPerAddress();
        ErrorReply.tooMany(ctx.response(), RETRY_AFTER_SECONDS,
          "this address already has " + quota.perAddress() + " streams open on this node; close one first");
        return;
      }
      case ADMITTED -> ctx.addEndHandler(ended -> quota.release(user, address));
    }
    registry.add(SseStream.open(ctx.request(), user, presence.equals("true"), retryMillis, queueBytes));
  }
}
