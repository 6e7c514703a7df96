package io.tidings.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options data object: defaults, JSON, copies, and setters that refuse what cannot work. */
class TidingsOptionsTest {

  /** Every field set away from its default, so that a field lost on the way shows. */
  private static TidingsOptions allChanged() {
    return new TidingsOptions()
      .setPort(9191)
      .setHost("127.0.0.1")
      .setHeartbeatSeconds(7)
      .setMaxMessageLength(500)
      .setMaxBodyBytes(2048)
      .setRetryMillis(3000)
      .setPresenceIntervalMillis(250)
      .setPresenceSnapshotLimit(20)
      .setStreamQueueBytes(4096)
      .setDemoStatus(true)
      .setDemoStatusSeconds(9)
      .setInstances(3)
      .setCorsOrigins(List.of("http://app.example", "*"))
      .setBodyTimeoutSeconds(3);
  }

  private static void assertSameOptions(TidingsOptions expected, TidingsOptions actual) {
    assertEquals(expected.getPort(), actual.getPort(), "port");
    assertEquals(expected.getHost(), actual.getHost(), "host");
    assertEquals(expected.getHeartbeatSeconds(), actual.getHeartbeatSeconds(), "heartbeatSeconds");
    assertEquals(expected.getMaxMessageLength(), actual.getMaxMessageLength(), "maxMessageLength");
    assertEquals(expected.getMaxBodyBytes(), actual.getMaxBodyBytes(), "maxBodyBytes");
    assertEquals(expected.getRetryMillis(), actual.getRetryMillis(), "retryMillis");
    assertEquals(expected.getPresenceIntervalMillis(), actual.getPresenceIntervalMillis(), "presenceIntervalMillis");
    assertEquals(expected.getPresenceSnapshotLimit(), actual.getPresenceSnapshotLimit(), "presenceSnapshotLimit");
    assertEquals(expected.getStreamQueueBytes(), actual.getStreamQueueBytes(), "streamQueueBytes");
    assertEquals(expected.isDemoStatus(), actual.isDemoStatus(), "demoStatus");
    assertEquals(expected.getDemoStatusSeconds(), actual.getDemoStatusSeconds(), "demoStatusSeconds");
    assertEquals(expected.getInstances(), actual.getInstances(), "instances");
    assertEquals(expected.getCorsOrigins(), actual.getCorsOrigins(), "corsOrigins");
    assertEquals(expected.getBodyTimeoutSeconds(), actual.getBodyTimeoutSeconds(), "bodyTimeoutSeconds");
  }

  @Test
  void everyFieldSurvivesAJsonRoundTrip() {
    TidingsOptions original = allChanged();
    assertSameOptions(original, new TidingsOptions(original.toJson()));
  }

  @Test
  void jsonRoundTripSurvivesEncodingToText() {
    TidingsOptions original = allChanged();
    assertSameOptions(original, new TidingsOptions(new JsonObject(original.toJson().encode())));
  }

  @Test
  void emptyJsonGivesTheDefaults() {
    assertSameOptions(new TidingsOptions(), new TidingsOptions(new JsonObject()));
    TidingsOptions defaults = new TidingsOptions();
    assertEquals(TidingsOptions.DEFAULT_PORT, defaults.getPort());
    assertEquals(TidingsOptions.DEFAULT_MAX_MESSAGE_LENGTH, defaults.getMaxMessageLength());
    assertEquals(TidingsOptions.DEFAULT_INSTANCES, defaults.getInstances());
  }

  @Test
  void copyHasEveryFieldAndIsIndependentOfTheOriginal() {
    TidingsOptions original = allChanged();
    TidingsOptions copy = new TidingsOptions(original);
    assertSameOptions(original, copy);
    assertNotSame(original.getCorsOrigins(), copy.getCorsOrigins());

    copy.setPort(1234).setCorsOrigins(List.of("https://other.example"));
    assertEquals(9191, original.getPort());
    assertEquals(List.of("http://app.example", "*"), original.getCorsOrigins());
  }

  @Test
  void numericSettersAcceptTheirRangeAndRefuseOutsideItWithAReadableMessage() {
    checkRange("port", 0, 65535, v -> new TidingsOptions().setPort(v));
    checkRange("heartbeat seconds", 1, 3600, v -> new TidingsOptions().setHeartbeatSeconds(v));
    checkRange("max message length", 1, 1_000_000, v -> new TidingsOptions().setMaxMessageLength(v));
    checkRange("max body bytes", 256, 64 * 1024 * 1024, v -> new TidingsOptions().setMaxBodyBytes(v));
    checkRange("retry millis", 100, 600_000, v -> new TidingsOptions().setRetryMillis(v));
    checkRange("presence interval millis", 10, 60_000, v -> new TidingsOptions().setPresenceIntervalMillis(v));
    checkRange("presence snapshot limit", 0, 10_000, v -> new TidingsOptions().setPresenceSnapshotLimit(v));
    checkRange("stream queue bytes", 1024, 256 * 1024 * 1024, v -> new TidingsOptions().setStreamQueueBytes(v));
    checkRange("demo status seconds", 1, 3600, v -> new TidingsOptions().setDemoStatusSeconds(v));
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setInstances(-1));
  }

  @Test
  void emptyHostIsRefused() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setHost(" "))
      .getMessage().contains("host"));
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setHost(null));
  }

  @Test
  void corsOriginsMustBeStarOrSchemeAndHostAndAreTrimmed() {
    assertEquals(List.of("http://a.example", "https://b.example:8443", "*"),
      new TidingsOptions().setCorsOrigins(List.of(" http://a.example", "https://b.example:8443 ", "", "*"))
        .getCorsOrigins());
    for (String bad : List.of("ftp://x", "a.example", "http://a.example/path", "http://")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TidingsOptions().setCorsOrigins(List.of(bad)), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void jsonWithAnOutOfRangeValueIsRefusedLikeTheSetter() {
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions(new JsonObject().put("port", 70000)));
  }

  private static void checkRange(String name, int min, int max, IntFunction<TidingsOptions> set) {
    List<String> problems = new ArrayList<>();
    accepts(problems, name, min, () -> set.apply(min));
    accepts(problems, name, max, () -> set.apply(max));
    for (int outside : new int[] {min - 1, max + 1}) {
      try {
        set.apply(outside);
        problems.add(name + " accepted " + outside);
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        if (!(message.contains(name) && message.contains(Integer.toString(min))
          && message.contains(Integer.toString(max)) && message.contains(Integer.toString(outside)))) {
          problems.add(name + ": unreadable message '" + message + "'");
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("; ", problems));
  }

  private static void accepts(List<String> problems, String name, int value, Executable set) {
    try {
      assertDoesNotThrow(set);
    } catch (AssertionError e) {
      problems.add(name + " refused " + value);
    }
  }
}
