package io.tidings.http;

import io.tidings.support.Await;
import io.tidings.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a browser is told it may do: the page's content security policy and framing refusal, and no
 * caching or sniffing of any API answer or error. Needs the built page, as {@link PageAndHeadTest}.
 */
class SecurityHeadersTest {

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
  void thePageLoadsCodeAndConnectsOnlyFromItsOwnOriginAndCannotBeFramed() {
    for (String path : List.of("/", "/index.html")) {
      HttpResponse<Buffer> page = node.get(path);
      assertEquals(200, page.statusCode(), path + " (is the page built?)");
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("default-src", "'self'");
      expected.put("script-src", "'self'");
      expected.put("style-src", "'self'");
      expected.put("img-src", "'self' data:");
      expected.put("connect-src", "'self'");
      expected.put("object-src", "'none'");
      expected.put("base-uri", "'none'");
      expected.put("form-action", "'self'");
      expected.put("frame-ancestors", "'none'");
      assertEquals(expected, directives(page.getHeader("Content-Security-Policy")), path);
      assertEquals("DENY", page.getHeader("X-Frame-Options"), path);
      assertEquals("same-origin", page.getHeader("Referrer-Policy"), path);
      assertEquals("nosniff", page.getHeader("X-Content-Type-Options"), path);
    }
  }

  @Test
  void theBuiltPageHasNoInlineScriptStyleOrHandlerThePolicyWouldBlock() {
    String html = node.get("/").bodyAsString();
    for (Pattern inline : List.of(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
      Pattern.compile("<style", Pattern.CASE_INSENSITIVE),
      Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE),
      Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
      Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE))) {
      assertFalse(inline.matcher(html).find(), "the page has " + inline + ":\n" + html);
    }
  }

  @Test
  void everyApiAnswerAndErrorIsNeitherStoredNorSniffed() {
    Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
    answers.put("GET /api/online", node.get("/api/online"));
    answers.put("GET /health", node.get("/health"));
    answers.put("GET /metrics", node.get("/metrics"));
    answers.put("POST /sse/message", node.post(new JsonObject().put("user", "ann").put("message", "hi")));
    answers.put("POST /sse/message, empty message", node.post(new JsonObject().put("user", "ann").put("message", "")));
    answers.put("POST /sse/message, text/plain", node.postRaw("text/plain", "hi"));
    answers.put("GET /nowhere", node.get("/nowhere"));
    answers.put("PUT /health", Await.result(node.web().request(HttpMethod.PUT, "/health").send()));
    for (Map.Entry<String, HttpResponse<Buffer>> answer : answers.entrySet()) {
      assertEquals("no-store", answer.getValue().getHeader("Cache-Control"),
        answer.getKey() + " (" + answer.getValue().statusCode() + ")");
      assertEquals("nosniff", answer.getValue().getHeader("X-Content-Type-Options"), answer.getKey());
    }
    assertEquals(200, answers.get("POST /sse/message").statusCode());
  }

  @Test
  void cleartextAnswersPromiseNoHttps() {
    HttpResponse<Buffer> response = Await.result(node.web().get("/api/online").putHeader("Front-End-Https", "on").send());
    assertNull(response.getHeader("Strict-Transport-Security"), "HSTS only when the node itself speaks TLS");
  }

  private static Map<String, String> directives(String policy) {
    Map<String, String> directives = new LinkedHashMap<>();
    Arrays.stream(String.valueOf(policy).split(";")).map(String::trim).filter(d -> !d.isEmpty()).forEach(d -> {
      String[] nameAndValue = d.split("\\s+", 2);
      directives.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
    });
    return directives;
  }
}
