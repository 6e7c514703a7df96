package io.tidings.http;

import io.tidings.support.Await;
import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's caching (revalidate the page, keep hashed assets for good) and HEAD wherever GET
 * works. Needs the built page: {@code npm run build --workspace frontend} before the test.
 */
class PageAndHeadTest {

  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void pageAtRootAndIndexHtmlIsRevalidatedEachTime() {
    for (String path : List.of("/", "/index.html")) {
      HttpResponse<Buffer> page = node.get(path);
      assertEquals(200, page.statusCode(), path + " is served, not redirected");
      assertTrue(page.getHeader("Content-Type").startsWith("text/html"), path);
      assertEquals("no-cache", page.getHeader("Cache-Control"), path);
      String lastModified = page.getHeader("Last-Modified");
      assertNotNull(lastModified, path + " has a validator");
      HttpResponse<Buffer> again = Await.result(node.web().get(path).putHeader("If-Modified-Since", lastModified).send());
      assertEquals(304, again.statusCode(), path + " unchanged answers 304");
    }
    assertEquals(node.get("/").bodyAsString(), node.get("/index.html").bodyAsString());
  }

  @Test
  void hashedAssetsAreCachedForAYearAsImmutable() {
    for (String asset : assets()) {
      HttpResponse<Buffer> response = node.get(asset);
      assertEquals(200, response.statusCode(), asset);
      assertEquals("public, max-age=31536000, immutable", response.getHeader("Cache-Control"), asset);
    }
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    List<String> paths = new ArrayList<>(List.of("/", "/index.html", "/health", "/api/online", "/metrics"));
    paths.addAll(assets());
    for (String path : paths) {
      RawHttp.Response get = exchange("GET", path);
      RawHttp.Response head = exchange("HEAD", path);
      assertEquals(get.status(), head.status(), "HEAD " + path);
      assertEquals(get.header("content-type"), head.header("content-type"), "HEAD " + path);
      assertEquals(get.header("cache-control"), head.header("cache-control"), "HEAD " + path);
      assertEquals("", head.body(), "HEAD " + path + " has no body");
      assertFalse(get.body().isEmpty(), "GET " + path);
    }
  }

  @Test
  void headOnTheStreamChecksTheRequestAndOpensNothing() {
    RawHttp.Response head = exchange("HEAD", "/sse?user=ann");
    assertEquals(200, head.status(), head.body());
    assertEquals("text/event-stream; charset=utf-8", head.header("content-type"));
    assertEquals("no-cache", head.header("cache-control"));
    assertEquals("", head.body());
    assertEquals(0, node.get("/health").bodyAsJsonObject().getInteger("streams"), "no stream was opened");
    assertEquals(0, node.get("/api/online").bodyAsJsonObject().getInteger("total"), "ann never came online");
    assertEquals(400, exchange("HEAD", "/sse?user=bad%20name").status());
    assertEquals(400, exchange("HEAD", "/sse?user=ann&presence=maybe").status());
  }

  @Test
  void wrongMethodOnThePageIsStill405Json() {
    for (String path : List.of("/", "/index.html", "/health")) {
      RawHttp.Response response = exchange("PUT", path);
      assertEquals(405, response.status(), path);
      assertTrue(response.header("content-type").startsWith("application/json"), path);
    }
  }

  /** One request on its own connection, closed after it, so a HEAD answer's bytes are exactly what was sent. */
  private static RawHttp.Response exchange(String method, String path) {
    try (RawHttp http = RawHttp.connect(node.port())) {
      return http.exchange(method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + (method.equals("PUT") ? "Content-Length: 0\r\n" : "") + "\r\n");
    }
  }

  private static List<String> assets() {
    Matcher m = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"").matcher(node.get("/").bodyAsString());
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    assertTrue(found.size() >= 2, "the page references its script and stylesheet (is the page built?)");
    return found;
  }
}
