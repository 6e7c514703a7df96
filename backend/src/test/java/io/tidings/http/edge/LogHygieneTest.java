package io.tidings.http.edge;

import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flood of bad requests and reset connections is the clients' doing: it must not flood the server's log. */
class LogHygieneTest {

  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      // micrometer's once-per-meter warning at the first connection is not about requests
      if (record.getLevel().intValue() >= Level.INFO.intValue() && !String.valueOf(record.getLoggerName()).startsWith("io.micrometer")) {
        logged.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage());
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private TestNode node;

  @AfterEach
  void stop() {
    Logger.getLogger("").removeHandler(capture);
    if (node != null) {
      node.close();
    }
  }

  @Test
  void badRequestsAndResetsLogNothingAtInfoOrAbove() throws Exception {
    node = TestNode.start();
    Logger.getLogger("").addHandler(capture);
    String post = "POST /sse/message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    for (int i = 0; i < 10; i++) {
      exchange(post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n");
      exchange(post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      exchange("GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n");
      exchange("GET /" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n");
      exchange(post + "Content-Length: 10\r\nExpect: nothing\r\n\r\n0123456789");
      reset(post + "Content-Length: 100\r\n\r\n{\"user\":");
      reset("GET /health HTTP/1.1\r\nHo");
    }
    // a last ordinary request: everything the bad ones caused has been handled by the time it is answered
    try (RawHttp raw = RawHttp.connect(node.port())) {
      raw.exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    Thread.sleep(200);
    assertTrue(logged.isEmpty(), "logged: " + String.join("\n", logged));
  }

  private void exchange(String request) {
    try (RawHttp raw = RawHttp.connect(node.port())) {
      raw.exchange(request);
      raw.closedByServer();
    }
  }

  /** Sends part of a request and resets the connection (RST, not FIN). */
  private void reset(String partial) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", node.port()), 5000);
      socket.getOutputStream().write(partial.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      Thread.sleep(20);
      socket.setSoLinger(true, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
