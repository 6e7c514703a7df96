package io.tidings.http;

import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoints around the chat: health, metrics, the online list, CORS and the page. */
class OperationsEndpointsTest {

  private TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private TestNode start(TidingsOptions options) {
    node = TestNode.start(options);
    return node;
  }

  // ---- health ----

  @Test
  void healthIsUpAndCountsTheOpenStreams() {
    start(new TidingsOptions());
    EventStream first = node.connect("alice");
    EventStream second = node.connect("bob");

    HttpResponse<Buffer> response = node.get("/health");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("application/json"), response.getHeader("Content-Type"));
    JsonObject health = response.bodyAsJsonObject();
    assertEquals("UP", health.getString("status"));
    assertEquals(2, health.getInteger("streams"));

    first.close();
    second.close();
    Await.until("health reports no open stream",
      () -> node.get("/health").bodyAsJsonObject().getInteger("streams") == 0);
  }

  // ---- metrics ----

  @Test
  void metricsExposeTidingsJvmAndVertxMetersInPrometheusText() {
    start(new TidingsOptions());
    node.connect("alice");

    HttpResponse<Buffer> response = node.get("/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/plain"), response.getHeader("Content-Type"));
    String text = response.bodyAsString();
    for (String meter : List.of("tidings_streams_open", "tidings_messages_posted_total",
      "tidings_events_delivered_total", "tidings_streams_slow_closed_total", "jvm_memory_used_bytes",
      "vertx_http_server_")) {
      assertTrue(text.contains(meter), "/metrics should contain " + meter);
    }
    assertEquals(1.0, sample(text, "tidings_streams_open"), "one stream is open");
  }

  @Test
  void messagesPostedCounterIncrementsWithEachAcceptedMessage() {
    start(new TidingsOptions());
    double before = sample(node.get("/metrics").bodyAsString(), "tidings_messages_posted_total");

    node.send("alice", "counted", null);
    node.post(new JsonObject().put("user", "alice").put("message", "")); // refused: not counted

    assertEquals(before + 1, sample(node.get("/metrics").bodyAsString(), "tidings_messages_posted_total"));
  }

  // ---- online list ----

  @Test
  void onlineListsEveryConnectedUserInNameOrderWithTheTotal() {
    start(new TidingsOptions());
    node.connect("carol");
    node.connect("alice");
    node.connect("bob");

    JsonObject online = ok(node.get("/api/online"));
    assertEquals(3, online.getInteger("total"));
    assertEquals(new JsonArray().add("alice").add("bob").add("carol"), online.getJsonArray("users"));
  }

  @Test
  void onlineIsPagedByOffsetAndLimit() {
    start(new TidingsOptions());
    node.connect("carol");
    node.connect("alice");
    node.connect("bob");

    JsonObject page = ok(node.get("/api/online?offset=1&limit=1"));
    assertEquals(new JsonArray().add("bob"), page.getJsonArray("users"));
    assertEquals(3, page.getInteger("total"));
  }

  @Test
  void onlineRefusesOutOfRangeOrNonNumericPagingWith400NamingTheParameter() {
    start(new TidingsOptions());
    assertBadParameter(node.get("/api/online?limit=0"), "'limit'");
    assertBadParameter(node.get("/api/online?limit=1001"), "'limit'");
    assertBadParameter(node.get("/api/online?offset=-1"), "'offset'");
    assertBadParameter(node.get("/api/online?offset=abc"), "'offset'");
    assertEquals(200, node.get("/api/online?limit=1000").statusCode(), "1000 is the largest page");
  }

  @Test
  void onlinePagingTakesAsciiDigitsOnlyNotOtherScriptsDigitsOrASign() {
    start(new TidingsOptions());
    // Arabic-Indic one, Devanagari five, fullwidth seven: Integer.parseInt reads each as a number
    assertBadParameter(node.get("/api/online?limit=%D9%A1"), "'limit'");
    assertBadParameter(node.get("/api/online?limit=%E0%A5%AB"), "'limit'");
    assertBadParameter(node.get("/api/online?offset=%EF%BC%97"), "'offset'");
    assertBadParameter(node.get("/api/online?limit=%2B5"), "'limit'");
    assertEquals(200, node.get("/api/online?limit=0005").statusCode(), "leading zeros are still ASCII digits");
  }

  // ---- CORS ----

  @Test
  void noCrossOriginAccessByDefault() {
    start(new TidingsOptions());
    HttpResponse<Buffer> response = getWithOrigin("/health", "http://elsewhere.example");
    assertEquals(200, response.statusCode());
    assertNull(response.getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  void listedOriginIsAllowedIncludingThePreflightOfAPost() {
    start(new TidingsOptions().setCorsOrigins(List.of("http://app.example")));

    HttpResponse<Buffer> simple = getWithOrigin("/health", "http://app.example");
    assertEquals(200, simple.statusCode());
    assertEquals("http://app.example", simple.getHeader("Access-Control-Allow-Origin"));

    HttpResponse<Buffer> preflight = Await.result(node.web().request(HttpMethod.OPTIONS, "/sse/message")
      .putHeader("Origin", "http://app.example")
      .putHeader("Access-Control-Request-Method", "POST")
      .putHeader("Access-Control-Request-Headers", "Content-Type")
      .send());
    assertTrue(preflight.statusCode() >= 200 && preflight.statusCode() < 300, "preflight: " + preflight.statusCode());
    assertEquals("http://app.example", preflight.getHeader("Access-Control-Allow-Origin"));
    // without these two the browser refuses the POST that follows
    String methods = String.valueOf(preflight.getHeader("Access-Control-Allow-Methods"));
    assertTrue(methods.contains("POST"), "Access-Control-Allow-Methods: " + methods);
    String headers = String.valueOf(preflight.getHeader("Access-Control-Allow-Headers")).toLowerCase();
    assertTrue(headers.contains("content-type"), "Access-Control-Allow-Headers: " + headers);
  }

  @Test
  void originNotListedGetsNoAllowHeader() {
    start(new TidingsOptions().setCorsOrigins(List.of("http://app.example")));
    HttpResponse<Buffer> response = getWithOrigin("/health", "http://elsewhere.example");
    assertNull(response.getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  void starAllowsAnyOrigin() {
    start(new TidingsOptions().setCorsOrigins(List.of("*")));
    HttpResponse<Buffer> response = getWithOrigin("/health", "http://anything.example");
    String allowed = response.getHeader("Access-Control-Allow-Origin");
    assertNotNull(allowed, "Access-Control-Allow-Origin");
    assertTrue(allowed.equals("*") || allowed.equals("http://anything.example"), allowed);
  }

  // ---- the page ----

  @Test
  void rootServesThePageAsHtml() {
    start(new TidingsOptions());
    HttpResponse<Buffer> response = node.get("/");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/html"), response.getHeader("Content-Type"));
    assertFalse(response.bodyAsString().isBlank());
  }

  @Test
  void everyScriptAndStylesheetThePageReferencesIsServed() {
    start(new TidingsOptions());
    String html = node.get("/").bodyAsString();
    java.util.regex.Matcher assets = java.util.regex.Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"").matcher(html);
    int found = 0;
    while (assets.find()) {
      found++;
      String path = assets.group(1);
      HttpResponse<Buffer> asset = node.get(path);
      assertEquals(200, asset.statusCode(), path);
      String type = asset.getHeader("Content-Type");
      assertTrue(type.startsWith(path.endsWith(".css") ? "text/css" : "text/javascript")
        || type.startsWith("application/javascript"), path + " served as " + type);
    }
    assertTrue(found >= 2, "the page references its script and stylesheet under /assets: " + html);
  }

  // ---- helpers ----

  private HttpResponse<Buffer> getWithOrigin(String path, String origin) {
    return Await.result(node.web().get(path).putHeader("Origin", origin).send());
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void assertBadParameter(HttpResponse<Buffer> response, String parameter) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(Boolean.FALSE, body.getBoolean("succeeded"));
    assertTrue(body.getString("errorMessage").contains(parameter),
      body.getString("errorMessage") + " should name " + parameter);
  }

  /** The value of an unlabelled sample in Prometheus text ("name 3.0"). */
  private static double sample(String prometheusText, String name) {
    return prometheusText.lines()
      .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
      .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
      .findFirst()
      .orElseThrow(() -> new AssertionError("no sample " + name + " in /metrics"));
  }
}
