package io.tidings.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.HSTSHandler;
import io.vertx.ext.web.handler.XFrameHandler;

/**
 * The headers that tell a browser what it may do with an answer, in one place: every answer is
 * {@code nosniff} and, unless its handler chose a caching policy (the page, its assets, a stream),
 * {@code no-store}; over TLS every answer carries HSTS; the page carries its content security policy.
 */
final class SecurityHeaders {

  static final String NO_STORE = "no-store";
  /**
   * {@code same-origin} rather than {@code no-referrer}: nothing leaves for another site either way,
   * but under {@code no-referrer} a browser sends {@code Origin: null} on the page's own POSTs, which
   * would blind any same-origin check on them (Fetch, "serializing a request origin").
   */
  static final String REFERRER_POLICY = "same-origin";

  private SecurityHeaders() {
  }

  /** Before every other route of {@code router}, so that errors and CORS preflights carry them too. */
  static void installOn(Router router, boolean tls) {
    router.route().handler(ctx -> {
      HttpServerResponse response = ctx.response();
      response.putHeader("X-Content-Type-Options", "nosniff");
      // a default rather than a header on each route: an answer nobody thought about is not kept
      ctx.addHeadersEndHandler(v -> {
        if (!response.headers().contains(HttpHeaders.CACHE_CONTROL)) {
          response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
      });
      ctx.next();
    });
    if (tls) {
      // six months, this host only: a subdomain may not be ours to promise HTTPS for
      router.route().handler(HSTSHandler.create(HSTSHandler.DEFAULT_MAX_AGE, false));
    }
  }

  /**
   * The page's own: its script, style and connections from this origin only, nothing inline, no
   * plugins, no framing (CSP {@code frame-ancestors}, and {@code X-Frame-Options} for browsers without it).
   */
  static Route onPage(Route route) {
    CSPHandler csp = CSPHandler.create()
      .setDirective("default-src", "self")
      .setDirective("script-src", "self")
      .setDirective("style-src", "self")
      .setDirective("img-src", "'self' data:")
      .setDirective("connect-src", "self")
      .setDirective("object-src", "none")
      .setDirective("base-uri", "none")
      .setDirective("form-action", "self")
      .setDirective("frame-ancestors", "none");
    return route.handler(csp)
      .handler(XFrameHandler.create(XFrameHandler.DENY))
      .handler(ctx -> {
        // written here: vertx-web has no handler for Referrer-Policy
        ctx.response().putHeader("Referrer-Policy", REFERRER_POLICY);
        ctx.next();
      });
  }
}
