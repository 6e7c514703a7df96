package io.tidings.http;

import io.tidings.support.Await;
import io.tidings.support.Clients;
import io.tidings.support.EventStream;
import io.tidings.support.NodeProcess;
import io.tidings.support.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose process may open only 256 files, flooded with more connections than that: with the
 * default cap (derived from the descriptor limit) it refuses the excess with 429, keeps serving
 * the streams it holds, and serves again once the flood is gone.
 */
class DescriptorLimitIT {

  private static final int DESCRIPTORS = 256;
  private static final int FLOOD = 400;
  private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";

  private NodeProcess node;
  private Clients clients;
  private final List<RawHttp> flood = new ArrayList<>();

  @AfterEach
  void stop() {
    flood.forEach(RawHttp::close);
    if (clients != null) {
      clients.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void floodPastTheDescriptorLimitIsRefusedWhileOpenStreamsGoOnAndTheNodeRecovers() {
    int port = NodeProcess.freePorts(1)[0][0];
    node = NodeProcess.startWithDescriptorLimit("descriptor-limit", port, DESCRIPTORS,
      List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--instances", "1"))
      .awaitListening(Duration.ofSeconds(60));
    clients = new Clients();
    EventStream alice = clients.connect(port, "alice");
    // a connection opened before the flood, to post through while new ones are refused
    RawHttp poster = RawHttp.connect(port);
    flood.add(poster);
    assertEquals(200, poster.exchange(HEALTH).status());

    for (int i = 0; i < FLOOD; i++) {
      flood.add(RawHttp.connect(port, 3000));
    }
    // past the cap (256 - 128 - 12 = 116) new connections are answered 429; while refused sockets
    // wait to be closed the process may even be out of descriptors, so try for a few seconds
    RawHttp.Response refused = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (refused == null && System.nanoTime() < deadline) {
      try (RawHttp late = RawHttp.connect(port, 3000)) {
        refused = late.exchange(HEALTH);
      } catch (IllegalStateException notAnsweredYet) {
        Await.pause(Duration.ofMillis(200));
      }
    }
    assertNotNull(refused, "a new connection during the flood gets an answer");
    assertEquals(429, refused.status(), refused.body());
    assertNotNull(refused.header("Retry-After"));
    assertTrue(node.isAlive());

    // the stream already open still receives
    String body = "{\"user\":\"bob\",\"message\":\"during the flood\"}";
    RawHttp.Response posted = poster.exchange("POST /sse/message HTTP/1.1\r\nHost: localhost\r\n"
      + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    assertEquals(200, posted.status(), posted.body());
    alice.awaitMessage("during the flood");

    flood.forEach(RawHttp::close);
    flood.clear();
    Await.until("/health answers 200 again", () -> {
      try (RawHttp again = RawHttp.connect(port, 3000)) {
        return again.exchange(HEALTH).status() == 200;
      } catch (IllegalStateException notYet) {
        return false;
      }
    }, Duration.ofSeconds(15));
    assertTrue(node.isAlive());
    String log = node.log();
    assertEquals(1, count(log, "At the cap of"), log);
    Await.until("the node logs that it is back under its cap", () -> count(node.log(), "Back under the cap") == 1,
      Duration.ofSeconds(5));
    alice.close();
  }

  private static int count(String text, String phrase) {
    Matcher m = Pattern.compile(Pattern.quote(phrase)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
