package io.tidings.metrics;

import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vert.x's HTTP server metrics carry labels from a bounded set, whatever clients send. */
class HttpMetricsLabelsTest {

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
  void inventedMethodsAddNoSeries() {
    send("FOO0", "/health");
    send("FOO0", "/sse/message");
    // a scrape is a GET /metrics and makes its own series: let it appear before counting
    httpServerSeries();
    List<String> before = httpServerSeries();
    for (int i = 1; i <= 200; i++) {
      send("FOO" + i, i % 2 == 0 ? "/health" : "/sse/message");
    }
    List<String> after = httpServerSeries();
    assertEquals(before.size(), after.size(), () -> "new series: " + after.stream()
      .filter(s -> !before.contains(s)).limit(10).toList());
    assertFalse(after.stream().anyMatch(s -> s.contains("FOO")), "no series names an invented method");
    assertTrue(after.stream().anyMatch(s -> s.contains("method=\"other\"")), "invented methods count as other");
  }

  @Test
  void seriesCarryTheMatchedRouteAndNeverThePath() {
    send("GET", "/health");
    send("GET", "/no/such/place-4711");
    send("GET", "/api/online?offset=0&limit=7");
    List<String> series = httpServerSeries();
    assertTrue(series.stream().anyMatch(s -> s.contains("route=\"/health\"")), String.join("\n", series));
    assertTrue(series.stream().anyMatch(s -> s.contains("route=\"/api/online\"")), String.join("\n", series));
    assertFalse(series.stream().anyMatch(s -> s.contains("place-4711") || s.contains("path=")),
      String.join("\n", series));
  }

  private static void send(String method, String target) {
    try (RawHttp http = RawHttp.connect(node.port())) {
      http.exchange(method + " " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    }
  }

  private static List<String> httpServerSeries() {
    return node.get("/metrics").bodyAsString().lines()
      .filter(line -> line.startsWith("vertx_http_server"))
      .map(line -> line.substring(0, line.lastIndexOf(' ')))
      .toList();
  }
}
