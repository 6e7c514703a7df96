package io.tidings.http;

import io.tidings.connections.ConnectionRegistry;
import io.tidings.identity.UserName;
import io.tidings.sse.SseStream;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /sse?user=NAME[&presence=false]} (and HEAD, which opens nothing): checks the request, then hands the open stream to the registry. */
final class StreamHandler implements Handler<RoutingContext> {

  private final ConnectionRegistry registry;
  private final Readiness readiness;
  private final int retryMillis;
  private final int queueBytes;

  StreamHandler(ConnectionRegistry registry, Readiness readiness, int retryMillis, int queueBytes) {
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
    registry.add(SseStream.open(ctx.request(), user, presence.equals("true"), retryMillis, queueBytes));
  }
}
