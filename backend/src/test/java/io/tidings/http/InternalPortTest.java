package io.tidings.http;

import io.tidings.config.InternalPortOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
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

  private static void assertNoSuchEndpoint(HttpResponse<Buffer> response, String path) {
    assertEquals(404, response.statusCode(), path);
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(Boolean.FALSE, body.getBoolean("succeeded"), path);
    assertTrue(body.getString("errorMessage").startsWith("no such endpoint"), path + ": " + body);
  }
}
