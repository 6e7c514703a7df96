package io.tidings.http;

import io.tidings.config.InternalPortOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --internal-port}: health and metrics on a listener of their own, and only there. */
class InternalPortTest {

  private static final String ONLINE = "GET /api/online HTTP/1.1\r\nHost: x\r\n\r\n";

  private TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static TidingsOptions withInternalPort() {
    return new TidingsOptions().setInternalPort(new InternalPortOptions().setPort(0));
  }

  @Test
  void healthAndMetricsAreServedOnTheInternalPort() {
    node = TestNode.start(withInternalPort());
    EventStream stream = node.connect("alice");

    HttpResponse<Buffer> health = node.getInternal("/health");
    assertEquals(200, health.statusCode());
    assertEquals(new JsonObject().put("status", "UP").put("streams", 1).put("online", 1), health.bodyAsJsonObject());
    HttpResponse<Buffer> metrics = node.getInternal("/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.bodyAsString().contains("tidings_streams_open 1.0"), "the node's own metrics");
    stream.close();
  }

  @Test
  void thePublicPortAnswersHealthAndMetrics404InTheErrorShape() {
    node = TestNode.start(withInternalPort());
    for (String path : List.of("/health", "/metrics")) {
      assertNoSuchEndpoint(node.get(path), path);
    }
  }

  @Test
  void theInternalPortServesNeitherThePageNorTheApi() {
    node = TestNode.start(withInternalPort());
    for (String path : List.of("/", "/index.html", "/api/online", "/sse?user=alice")) {
      assertNoSuchEndpoint(node.getInternal(path), path);
    }
  }

  @Test
  void healthOnTheInternalPortSaysDrainingWhileTheNodeShutsDown() {
    node = TestNode.start(withInternalPort().setDrainMillis(3000));
    Future<Void> shutdown = node.tidings().shutdown();
    Await.until("the internal port reports the drain", () -> node.getInternal("/health").statusCode() == 503);
    assertEquals("DRAINING", node.getInternal("/health").bodyAsJsonObject().getString("status"));
    Await.result(shutdown);
  }

  @Test
  void aNodeAtItsConnectionCapStillAnswersItsMonitor() {
    node = TestNode.start(withInternalPort().setMaxConnections(1));
    try (RawHttp admitted = RawHttp.connect(node.port()); RawHttp refused = RawHttp.connect(node.port())) {
      assertEquals(200, admitted.exchange(ONLINE).status());
      assertEquals(429, refused.exchange(ONLINE).status(), "the public port is at its cap");
      for (int i = 0; i < 3; i++) {
        assertEquals(200, node.getInternal("/health").statusCode(), "the internal port does not count against it");
      }
    }
  }

  private static void assertNoSuchEndpoint(HttpResponse<Buffer> response, String path) {
    assertEquals(404, response.statusCode(), path);
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(Boolean.FALSE, body.getBoolean("succeeded"), path);
    assertTrue(body.getString("errorMessage").startsWith("no such endpoint"), path + ": " + body);
  }
}
