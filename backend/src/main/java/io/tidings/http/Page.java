package io.tidings.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The chat page: {@code index.html} at {@code /} and {@code /index.html}, and Vite's assets. Only
 * these paths and only GET and HEAD, so a wrong method on an API path stays a 405.
 */
final class Page {

  /** Vite names assets by their content hash: a changed file is a new name, so each may be kept for good. */
  static final String ASSETS_CACHE_CONTROL = "public, max-age=31536000, immutable";
  /** The page itself names the current assets: a browser must revalidate it (Last-Modified, so mostly a 304). */
  static final String PAGE_CACHE_CONTROL = "no-cache";

  private Page() {
  }

  static void routeOn(Router router) {
    // regex routes: StaticHandler then resolves the whole path under webroot, where an exact
    // "/index.html" route left it nothing but the directory (and a redirect to "/index.html/")
    StaticHandler files = StaticHandler.create("webroot").setMaxAgeSeconds(31_536_000L);
    SecurityHeaders.onPage(router.routeWithRegex("/(index\\.html)?").method(HttpMethod.GET).method(HttpMethod.HEAD))
      .handler(ctx -> {
        // StaticHandler keeps a Cache-Control already set and adds Last-Modified beside it
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, PAGE_CACHE_CONTROL);
        headContentType(ctx, "index.html");
        ctx.next();
      })
      .handler(files);
    router.routeWithRegex("/assets/[^/]+").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(ctx -> {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, ASSETS_CACHE_CONTROL);
        headContentType(ctx, ctx.request().path());
        ctx.next();
      })
      .handler(files);
  }

  // StaticHandler answers HEAD without the Content-Type its GET sends; give it the same one
  private static void headContentType(RoutingContext ctx, String file) {
    String type = MimeMapping.mimeTypeForFilename(file);
    if (ctx.request().method() == HttpMethod.HEAD && type != null) {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type.startsWith("text") ? type + ";charset=UTF-8" : type);
    }
  }
}
