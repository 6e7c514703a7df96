package io.tidings.http;

import io.tidings.identity.Caller;
import io.tidings.identity.Identity;
import io.tidings.identity.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.ext.web.RoutingContext;

/**
 * Proves who a request comes from before its handler runs, and leaves the {@link Caller} on the
 * context. Written here rather than with vertx-web's {@code JWTAuthHandler}: one credential
 * lookup serves three modes (a nickname session, a JWT, a publisher secret), takes
 * {@code ?access_token=} for EventSource, and answers in Tidings' error shape.
 */
final class Authenticate implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(Authenticate.class);
  private static final String CALLER = "tidings.caller";

  private final Identity identity;

  Authenticate(Identity identity) {
    this.identity = identity;
  }

  static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Future<Caller> caller;
    try {
      caller = identity.authenticate(ctx.request());
    } catch (Refusal refusal) {
      caller = Future.failedFuture(refusal);
    }
    caller.onComplete(done -> {
      if (ctx.response().ended()) {
        return;
      }
      if (done.succeeded()) {
        ctx.put(CALLER, done.result());
        ctx.next();
      } else {
        refuse(ctx, done.cause());
      }
    });
  }

  /** Answers a {@link Refusal} with its status; anything else is the data grid failing, which the client may retry. */
  static void refuse(RoutingContext ctx, Throwable cause) {
    if (cause instanceof Refusal refusal) {
      if (refusal.status() == 429) {
        ErrorReply.tooMany(ctx.response(), refusal.retryAfterSeconds(), refusal.getMessage());
        return;
      }
      if (refusal.status() == 401) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
      }
      ErrorReply.send(ctx, refusal.status(), refusal.getMessage());
    } else {
      LOG.warn("Could not check a credential: " + cause);
      ErrorReply.send(ctx, 503, "credentials cannot be checked right now; try again");
    }
  }
}
