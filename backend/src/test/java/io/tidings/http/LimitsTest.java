package io.tidings.http;

import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.Metrics;
import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's caps: connections, streams per user and per address, each answered with 429 and Retry-After. */
class LimitsTest {

  private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";

  private TestNode node;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void streamPastThePerUserCapIsRefusedWith429UntilOneOfTheUsersStreamsCloses() {
    node = TestNode.start(new TidingsOptions().setMaxStreamsPerUser(2));
    EventStream first = node.connect("alice");
    opened.add(node.connect("alice"));
    try (EventStream third = node.open("/sse?user=alice")) {
      assertEquals(429, third.status());
      assertNotNull(third.response().getHeader("Retry-After"));
      Await.until("the refusal's JSON arrives", () -> third.raw().contains("\"succeeded\":false"), Duration.ofSeconds(5));
      assertTrue(third.raw().contains("2 streams"), third.raw());
    }
    // another user is not affected
    opened.add(node.connect("bob"));
    first.close();
    Await.until("a stream of alice's opens again", () -> {
      EventStream again = node.open("/sse?user=alice");
      opened.add(again);
      return again.status() == 200;
    }, Duration.ofSeconds(5));
  }

  @Test
  void streamPastThePerAddressCapIsRefusedWith429WhateverTheUser() {
    node = TestNode.start(new TidingsOptions().setMaxStreamsPerAddress(2));
    opened.add(node.connect("alice"));
    opened.add(node.connect("bob"));
    try (EventStream third = node.open("/sse?user=carol")) {
      assertEquals(429, third.status());
      assertNotNull(third.response().getHeader("Retry-After"));
    }
    assertEquals(1.0, Metrics.value(node, "tidings_streams_refused_total{reason=\"per_address\"}"));
    assertEquals(0.0, Metrics.value(node, "tidings_streams_refused_total{reason=\"per_user\"}"));
  }

  @Test
  void connectionPastTheNodeCapIsAnswered429AndClosedAndASilentOneIsClosedWithinASecondOrSo() {
    node = TestNode.start(new TidingsOptions().setMaxConnections(2));
    RawHttp a = RawHttp.connect(node.port());
    RawHttp b = RawHttp.connect(node.port());
    opened.add(a);
    opened.add(b);
    assertEquals(200, a.exchange(HEALTH).status());
    assertEquals(200, b.exchange(HEALTH).status());

    try (RawHttp refused = RawHttp.connect(node.port())) {
      RawHttp.Response answer = refused.exchange(HEALTH);
      assertEquals(429, answer.status());
      assertNotNull(answer.header("Retry-After"));
      assertEquals("close", answer.header("Connection"));
      assertFalse(answer.json().getBoolean("succeeded"));
      assertTrue(refused.closedByServer(), "a refused connection is closed after its answer");
    }
    try (RawHttp silent = RawHttp.connect(node.port(), 3000)) {
      long started = System.nanoTime();
      assertTrue(silent.closedByServer(), "a refused connection that sends nothing is closed");
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(millis < 2500, "closed after " + millis + " ms");
    }

    // once an admitted connection closes, a new one is served
    a.close();
    Await.until("a new connection is served again", () -> {
      try (RawHttp again = RawHttp.connect(node.port())) {
        return again.exchange(HEALTH).status() == 200;
      }
    }, Duration.ofSeconds(5));
    String metrics = b.exchange("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n").body();
    assertTrue(metrics.contains("tidings_connections_refused_total{reason=\"max_connections\"}"), metrics);
    assertTrue(metrics.contains("tidings_connections_open"), metrics);
  }
}
