package io.tidings.http;

import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken percent-encoding in a path or query is the client's error on every route: a 400 saying so, never a 500. */
class UriEncodingTest {

  private static TestNode node;
  private static final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private static final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.INFO.intValue() && record.getLoggerName() != null
        && record.getLoggerName().startsWith("io.")) {
        warnings.add(record);
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeAll
  static void start() {
    node = TestNode.start();
    java.util.logging.Logger.getLogger("").addHandler(capture);
  }

  @AfterAll
  static void stop() {
    java.util.logging.Logger.getLogger("").removeHandler(capture);
    node.close();
  }

  @Test
  void malformedPercentEncodingInTheQueryIs400OnEveryRoute() {
    for (String target : List.of("/sse?user=%", "/sse?user=a%zz", "/sse?user=a%2", "/api/online?offset=%",
      "/health?x=%g1", "/metrics?%", "/?q=%zz", "/no/such/path?a=%")) {
      assertRefused("GET", target, "query string is not valid percent-encoding");
    }
    assertRefused("POST", "/sse/message?to=%zz", "query string is not valid percent-encoding");
  }

  @Test
  void percentEncodingOfBytesThatAreNotUtf8Is400() {
    assertRefused("GET", "/sse?user=%ff", "not UTF-8");
    assertRefused("GET", "/api/online?limit=%C3", "not UTF-8");
  }

  @Test
  void malformedPercentEncodingInThePathIs400() {
    for (String target : List.of("/%zz", "/sse%", "/api/%4", "/assets/%zz.js", "/%C3%28")) {
      assertRefused("GET", target, "request path is not valid percent-encoding");
    }
  }

  @Test
  void wellFormedEncodingStillWorks() {
    try (RawHttp http = RawHttp.connect(node.port())) {
      RawHttp.Response response = http.exchange("GET /api/online?offset=%30&limit=1%30 HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, response.status(), response.body());
    }
  }

  @Test
  void clientErrorsLeaveNoWarningOrStackTraceInTheLog() {
    warnings.clear();
    assertRefused("GET", "/sse?user=%", "query string");
    assertRefused("GET", "/%zz", "request path");
    assertTrue(warnings.isEmpty(), () -> "logged: " + warnings.stream()
      .map(r -> r.getLevel() + " " + r.getMessage()).toList());
  }

  private static void assertRefused(String method, String target, String expected) {
    try (RawHttp http = RawHttp.connect(node.port())) {
      String body = method.equals("POST") ? "{\"user\":\"ann\",\"message\":\"hi\"}" : "";
      RawHttp.Response response = http.exchange(method + " " + target + " HTTP/1.1\r\nHost: x\r\n"
        + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n")
        + "\r\n" + body);
      assertEquals(400, response.status(), target + " -> " + response.body());
      assertEquals(Boolean.FALSE, response.json().getBoolean("succeeded"));
      assertTrue(response.json().getString("errorMessage").contains(expected),
        target + " -> " + response.json().getString("errorMessage"));
      assertTrue(response.header("content-type").startsWith("application/json"));
    }
  }
}
