package io.tidings.bench.generator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The POSTs a template builds: its holes filled, and numbered requests never repeated across shares. */
class RequestTemplateTest {

  private static final PostSpec SPEC = new PostSpec("127.0.0.1", 8080, "/sse/message", "application/json",
    "{\"to\":\"m" + PostSpec.SEQUENCE + "\",\"message\":\"" + PostSpec.MARKER + "\"}", 0, 100, 4, 1, null, 42);

  @Test
  void aRequestCarriesItsMarkerItsNumberAndTheLengthOfItsBody() {
    RequestTemplate template = new RequestTemplate(SPEC);
    String first = template.build(123).toString(StandardCharsets.UTF_8);
    String second = template.build(456).toString(StandardCharsets.UTF_8);
    assertTrue(first.endsWith("\r\n\r\n{\"to\":\"m0\",\"message\":\"bench:123;\"}"), first);
    assertTrue(second.endsWith("{\"to\":\"m1\",\"message\":\"bench:456;\"}"), second);
    assertTrue(first.contains("Content-Length: " + "{\"to\":\"m0\",\"message\":\"bench:123;\"}".length() + "\r\n"), first);
  }

  @Test
  void holesInTheUriAreFilledAsInTheBody() {
    PostSpec nchan = new PostSpec("127.0.0.1", 8080, "/pub/m" + PostSpec.SEQUENCE, "text/plain", PostSpec.MARKER, 0, 100,
      4, 1, null, 42);
    RequestTemplate template = new RequestTemplate(nchan);
    String first = template.build(7).toString(StandardCharsets.UTF_8);
    String second = template.build(8).toString(StandardCharsets.UTF_8);
    assertTrue(first.startsWith("POST /pub/m0 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"), first);
    assertTrue(first.endsWith("Content-Length: 8\r\n\r\nbench:7;"), first);
    assertTrue(second.startsWith("POST /pub/m1 HTTP/1.1\r\n"), second);
  }

  @Test
  void aCallerNamesItselfInTheBodyAndSendsItsOwnAuthorization() {
    PostSpec spec = new PostSpec("127.0.0.1", 8080, "/sse/message", "application/json",
      "{\"user\":\"u" + PostSpec.CALLER + "\",\"to\":\"u1\",\"message\":\"" + PostSpec.MARKER + "\"}", 0, 0, 2, 1, null, 42)
      .withCallers(Callers.withAuthorizations(List.of("Bearer t0", "Bearer t1", "Bearer t2")));
    RequestTemplate template = new RequestTemplate(spec);
    String second = template.build(5, 1).toString(StandardCharsets.UTF_8);
    assertTrue(second.startsWith("POST /sse/message HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization: Bearer t1\r\n"
      + "Content-Type: application/json\r\n"), second);
    String body = "{\"user\":\"u1\",\"to\":\"u1\",\"message\":\"bench:5;\"}";
    assertTrue(second.endsWith("Content-Length: " + body.length() + "\r\n\r\n" + body), second);
    String none = new RequestTemplate(SPEC).build(5).toString(StandardCharsets.UTF_8);
    assertTrue(!none.contains("Authorization"), none);
  }

  @Test
  void sharesGiveEachConnectionTheNextCaller() {
    PostSpec spec = SPEC.withCallers(Callers.named(5));
    List<Integer> callers = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      PostSpec share = spec.share(part, 3);
      for (int k = 0; k < share.connections(); k++) {
        callers.add(share.callers().of(k));
      }
    }
    // SPEC has 4 connections: 2, 1 and 1 of them in the three shares, callers 0 to 3 of 5
    assertEquals(List.of(0, 1, 2, 3), callers);
  }

  @Test
  void sharesNumberTheirRequestsWithoutRepeatingOne() {
    Set<String> seen = new HashSet<>();
    List<String> all = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      RequestTemplate template = new RequestTemplate(SPEC.share(part, 3));
      for (int i = 0; i < 10; i++) {
        String body = template.build(1).toString(StandardCharsets.UTF_8);
        String to = body.substring(body.indexOf("\"to\":\"m") + 7, body.indexOf("\",\"message"));
        all.add(to);
        seen.add(to);
      }
    }
    assertEquals(30, seen.size(), "30 distinct numbers: " + all);
    for (int n = 0; n < 30; n++) {
      assertTrue(seen.contains(Integer.toString(n)), "no gap: " + n + " in " + all);
    }
  }
}
