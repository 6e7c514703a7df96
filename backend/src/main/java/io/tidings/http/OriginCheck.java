package io.tidings.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a state-changing request that a page of another site made a browser send (CSRF): its
 * {@code Origin} must be this server's own (the {@code Host} it was asked for) or an allowed one,
 * and {@code Sec-Fetch-Site}, where the browser sends it, must not say cross-site. A request with
 * neither header comes from a program, not a page, and carries no ambient cookie it did not mean to.
 * A security-policy handler in vertx-web's order: it runs before the body is read, so a forged
 * request costs nothing.
 */
final class OriginCheck implements SecurityPolicyHandler {

  private final List<String> allowed;

  /** @param allowed origins as {@code scheme://host[:port]}, or {@code *} for any */
  OriginCheck(List<String> allowed) {
    this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    String fetchSite = ctx.request().getHeader("Sec-Fetch-Site");
    if (origin != null && !isAllowed(origin.toLowerCase(Locale.ROOT), ctx.request().getHeader(HttpHeaders.HOST))) {
      ErrorReply.send(ctx, 403, "requests from origin '" + shortened(origin) + "' are not allowed here");
      return;
    }
    if (origin == null && fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      ErrorReply.send(ctx, 403, "a " + shortened(fetchSite) + " request without an Origin is not allowed here");
      return;
    }
    ctx.next();
  }

  private boolean isAllowed(String origin, String host) {
    if (allowed.contains("*") || allowed.contains(origin)) {
      return true;
    }
    // same origin: what follows the scheme is the host the browser asked for (the port included)
    int schemeEnd = origin.indexOf("://");
    return host != null && schemeEnd > 0 && origin.substring(schemeEnd + 3).equals(host.toLowerCase(Locale.ROOT));
  }

  private static String shortened(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "...";
  }
}
