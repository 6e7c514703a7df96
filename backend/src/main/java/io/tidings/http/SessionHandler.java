package io.tidings.http;

import io.tidings.identity.AuthMode;
import io.tidings.identity.Caller;
import io.tidings.identity.Credentials;
import io.tidings.identity.Identity;
import io.tidings.identity.Refusal;
import io.tidings.identity.Session;
import io.tidings.identity.UserName;
import io.tidings.ratelimit.RateLimits;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/session}: claiming a name ({@code POST {"user"}}), asking who the credential is
 * ({@code GET}), logging out ({@code DELETE}). The token goes both in an HttpOnly, SameSite=Strict
 * cookie for the page and in the answer for programs, which send it as a bearer token.
 */
final class SessionHandler {

  private final Identity identity;
  private final int sessionSeconds;
  private final RateLimits limits;

  SessionHandler(Identity identity, int sessionSeconds, RateLimits limits) {
    this.identity = identity;
    this.sessionSeconds = sessionSeconds;
    this.limits = limits;
  }

  void claim(RoutingContext ctx) {
    RequestJson.Read read = RequestJson.read(ctx.body().buffer());
    if (read.problem() != null) {
      ErrorReply.send(ctx, 400, read.problem().equals(RequestJson.EMPTY)
        ? "request body is empty; expected a JSON object with 'user'" : read.problem());
      return;
    }
    if (!(read.value() instanceof JsonObject json) || json.getValue("user") != null && !(json.getValue("user") instanceof String)) {
      ErrorReply.send(ctx, 400, "request body must be a JSON object with 'user', a string");
      return;
    }
    String user = json.getString("user");
    String problem = UserName.problem("field 'user'", user);
    if (problem != null) {
      ErrorReply.send(ctx, 400, problem);
      return;
    }
    if (identity.mode() == AuthMode.JWT) {
      ErrorReply.send(ctx, 404, "sessions come from your identity provider in jwt mode: send its token as 'Authorization: Bearer'");
      return;
    }
    if (identity.mode() == AuthMode.NONE) {
      // open mode: nothing to hold, and the page works the same way in every mode
      answer(ctx, new JsonObject().put("user", user).putNull("token").putNull("expiresAt"));
      return;
    }
    limits.sessionClaim(ClientAddress.of(ctx.request())).compose(v -> identity.sessions().claim(user, presentedOrNull(ctx)))
      .onComplete(done -> {
        if (ctx.response().ended()) {
          return;
        }
        if (done.failed()) {
          Authenticate.refuse(ctx, done.cause());
          return;
        }
        Session session = done.result();
        ctx.response().addCookie(cookie(session.token(), sessionSeconds, ctx.request().isSSL()));
        answer(ctx, new JsonObject().put("user", session.user()).put("token", session.token())
          .put("expiresAt", session.expiresAt().toString()));
      });
  }

  /**
   * Before {@link Authenticate} on {@code GET /api/session}: a request with no credential at all is
   * answered {@code {"user": null}} rather than 401, so a page asking on load whether it is signed
   * in does not log an error in the console; a credential, even a broken one, goes on to be checked.
   */
  void answerAnonymous(RoutingContext ctx) {
    boolean presented;
    try {
      presented = Credentials.presented(ctx.request()) != null;
    } catch (Refusal malformed) {
      presented = true;
    }
    if (presented) {
      ctx.next();
    } else {
      answer(ctx, new JsonObject().putNull("user").put("mode", identity.mode().toString()));
    }
  }

  /** After {@link Authenticate}: who the credential is for. */
  void describe(RoutingContext ctx) {
    Caller caller = Authenticate.caller(ctx);
    if (caller.user() == null) {
      ErrorReply.send(ctx, 401, caller.publisher() ? "a publisher credential has no user" : "no session: claim a name first");
      return;
    }
    answer(ctx, new JsonObject().put("user", caller.user()).put("mode", identity.mode().toString()));
  }

  /** After {@link Authenticate}: ends the session everywhere and clears the page's cookie. */
  void logout(RoutingContext ctx) {
    Caller caller = Authenticate.caller(ctx);
    if (caller.session() == null) {
      ErrorReply.send(ctx, 400, "only a nickname session can be logged out; a " + identity.mode() + " credential ends at its issuer");
      return;
    }
    identity.sessions().end(caller).onComplete(done -> {
      if (done.failed()) {
        Authenticate.refuse(ctx, done.cause());
        return;
      }
      ctx.response().addCookie(cookie("", 0, ctx.request().isSSL()));
      answer(ctx, new JsonObject().put("succeeded", true));
    });
  }

  private static String presentedOrNull(RoutingContext ctx) {
    try {
      return Credentials.presented(ctx.request());
    } catch (Refusal malformed) {
      // a broken old credential does not stop anyone from claiming a name anew
      return null;
    }
  }

  private static Cookie cookie(String token, int maxAgeSeconds, boolean tls) {
    return Cookie.cookie(Credentials.COOKIE, token).setPath("/").setMaxAge(maxAgeSeconds)
      .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(tls);
  }

  private static void answer(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(body.encode());
  }
}
