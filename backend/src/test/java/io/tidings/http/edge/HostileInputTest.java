package io.tidings.http.edge;

import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests no well-behaved client sends: each is refused with a status, the JSON error shape saying
 * what was wrong, and a closed connection, so that nothing after the bad bytes is read as a request.
 */
class HostileInputTest {

  private static final String MESSAGE = "{\"user\":\"ann\",\"message\":\"hi\"}";

  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  // ---- request smuggling: framing two parsers could read differently ----

  @Test
  void contentLengthWithChunkedTransferEncodingIsRefused() {
    refused(post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") + "0\r\n\r\n", 400,
      "Content-Length and Transfer-Encoding");
  }

  @Test
  void bytesCoveredByContentLengthAreNeverAnsweredAsASecondRequest() {
    String smuggled = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    String body = "0\r\n\r\n" + smuggled;
    try (RawHttp raw = RawHttp.connect(node.port())) {
      RawHttp.Response first = raw.exchange(post("Content-Length: " + body.length()
        + "\r\nTransfer-Encoding: chunked\r\n") + body);
      assertEquals(400, first.status(), first.body());
      String rest = raw.readRest();
      assertFalse(rest.contains("HTTP/1.1"), "the smuggled request was answered: " + rest);
    }
  }

  @Test
  void unknownTransferCodingAnswers501() {
    // Netty alone reads no body here, and the coded bytes as a next request
    refused(post("Transfer-Encoding: xchunked\r\n") + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n", 501,
      "transfer coding 'xchunked' is not supported");
    refused(post("Transfer-Encoding: gzip, chunked\r\n") + "0\r\n\r\n", 501, "'gzip'");
  }

  @Test
  void unknownTransferCodingBesideContentLengthIsRefused() {
    refused(post("Content-Length: 5\r\nTransfer-Encoding: xchunked\r\n") + "0\r\n\r\n", 400,
      "Content-Length and Transfer-Encoding");
  }

  @Test
  void transferEncodingSentTwiceIsRefused() {
    refused(post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n") + "0\r\n\r\n", 400,
      "Transfer-Encoding must be sent once");
  }

  @Test
  void chunkedThatIsNotTheLastCodingIsRefused() {
    refused(post("Transfer-Encoding: chunked, identity\r\n") + "0\r\n\r\n", 400, "chunked must be the last");
  }

  @Test
  void conflictingOrNonNumericContentLengthIsRefused() {
    refused(post("Content-Length: 5\r\nContent-Length: 6\r\n") + "01234", 400, "Content-Length must be sent once");
    refused(post("Content-Length: +5\r\n") + "01234", 400, "Content-Length must be sent once");
  }

  @Test
  void obsoleteLineFoldingIsRefused() {
    refused("GET /health HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n\r\n", 400, "line folding");
  }

  @Test
  void emptyHeaderNameIsRefused() {
    refused("GET /health HTTP/1.1\r\nHost: x\r\n: nameless\r\n\r\n", 400, "empty name");
  }

  @Test
  void moreThanAHundredHeaderFieldsAreRefused() {
    StringBuilder head = new StringBuilder("GET /health HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 100; i++) {
      head.append("X-").append(i).append(": v\r\n");
    }
    refused(head.append("\r\n").toString(), 431, "at most 100 header fields");
  }

  @Test
  void bareLineFeedsInTheHeadAreRefused() {
    refused("GET /health HTTP/1.1\nHost: x\n\n", 400, "CRLF");
  }

  // ---- sizes and plain garbage ----

  @Test
  void tooLongRequestLineIsRefusedWithItsLimit() {
    refused("GET /health?" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
      "request line is longer than 4096 bytes");
  }

  @Test
  void tooLargeHeadersAreRefusedWithTheirLimit() {
    refused("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n", 431,
      "header fields are larger than 8192 bytes");
  }

  @Test
  void garbageRequestLineIsRefused() {
    refused("HELLO\r\n\r\n", 400, "malformed request head");
  }

  // ---- chunked bodies ----

  @Test
  void malformedChunksAreAnsweredBeforeTheClose() {
    refused(post("Transfer-Encoding: chunked\r\n") + "zz\r\n", 400, "chunk size");
    refused(post("Transfer-Encoding: chunked\r\n") + "-1\r\n", 400, "chunk size");
    refused(post("Transfer-Encoding: chunked\r\n") + "fffffffff\r\n", 400, "chunk size");
    refused(post("Transfer-Encoding: chunked\r\n") + "1d\n" + MESSAGE + "\r\n0\r\n\r\n", 400, "CRLF");
    refused(post("Transfer-Encoding: chunked\r\n") + "2\r\n" + MESSAGE + "\r\n0\r\n\r\n", 400,
      "followed by CRLF");
  }

  @Test
  void chunkedBodyWithAValidExtensionIsAccepted() {
    String body = Integer.toHexString(MESSAGE.length()) + ";ext=1\r\n" + MESSAGE + "\r\n0\r\n\r\n";
    try (RawHttp raw = RawHttp.connect(node.port())) {
      RawHttp.Response response = raw.exchange(post("Transfer-Encoding: chunked\r\n") + body);
      assertEquals(200, response.status(), response.body());
      assertEquals(Boolean.TRUE, response.json().getBoolean("succeeded"));
    }
  }

  @Test
  void chunkedBodyWithAnInvalidExtensionIsRefused() {
    String body = Integer.toHexString(MESSAGE.length()) + ";=1\r\n" + MESSAGE + "\r\n0\r\n\r\n";
    refused(post("Transfer-Encoding: chunked\r\n") + body, 400, "extensions");
  }

  @Test
  void unmeetableExpectationIsRefusedAsJson() {
    refused(post("Content-Length: " + MESSAGE.length() + "\r\nExpect: 200-ok\r\n") + MESSAGE, 417,
      "100-continue");
  }

  @Test
  void malformedChunkAfterA100ContinueIsStillAnswered() {
    // the interim 100 is not the answer: the refusal may and must still be written
    try (RawHttp raw = RawHttp.connect(node.port())) {
      assertEquals(100, raw.exchange(post("Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n")).status());
      RawHttp.Response refused = raw.exchange("zz\r\n");
      assertEquals(400, refused.status(), refused.body());
      assertTrue(refused.json().getString("errorMessage").contains("chunk size"), refused.body());
      assertTrue(raw.closedByServer());
    }
  }

  @Test
  void continuedChunkedBodyIsAccepted() {
    try (RawHttp raw = RawHttp.connect(node.port())) {
      assertEquals(100, raw.exchange(post("Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n")).status());
      RawHttp.Response response = raw.exchange(Integer.toHexString(MESSAGE.length()) + "\r\n" + MESSAGE + "\r\n0\r\n\r\n");
      assertEquals(200, response.status(), response.body());
    }
  }

  private static String post(String framing) {
    return "POST /sse/message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing + "\r\n";
  }

  private static void refused(String request, int status, String reason) {
    try (RawHttp raw = RawHttp.connect(node.port())) {
      RawHttp.Response response = raw.exchange(request);
      assertEquals(status, response.status(), response.body());
      JsonObject json = response.json();
      assertEquals(Boolean.FALSE, json.getBoolean("succeeded"), response.body());
      assertTrue(json.getString("errorMessage").contains(reason), "message: " + json.getString("errorMessage"));
      assertEquals("close", response.header("Connection"));
      assertTrue(raw.closedByServer(), "the connection stayed open");
    }
  }
}
