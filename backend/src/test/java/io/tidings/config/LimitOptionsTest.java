package io.tidings.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caps and --h2c: flags, defaults, JSON round trip, validation and the derived connection cap. */
class LimitOptionsTest {

  private static TidingsOptions parse(String... args) {
    CommandLine command = new CommandLine();
    new picocli.CommandLine(command).parseArgs(args);
    return command.toOptions();
  }

  @Test
  void flagsSetTheCapsAndH2c() {
    TidingsOptions options = parse("--max-connections", "500", "--max-streams-per-user", "3",
      "--max-streams-per-address", "0", "--h2c");
    assertEquals(500, options.getMaxConnections());
    assertEquals(500, options.effectiveMaxConnections());
    assertEquals(3, options.getMaxStreamsPerUser());
    assertEquals(0, options.getMaxStreamsPerAddress());
    assertTrue(options.isH2c());
    assertEquals(options.toJson(), new TidingsOptions(options.toJson()).toJson());
  }

  @Test
  void defaultsCapStreamsAndLeaveH2cOff() {
    TidingsOptions options = parse();
    assertEquals(TidingsOptions.DEFAULT_MAX_CONNECTIONS, options.getMaxConnections());
    assertEquals(32, options.getMaxStreamsPerUser());
    assertEquals(1000, options.getMaxStreamsPerAddress());
    assertFalse(options.isH2c());
    assertFalse(new TidingsOptions(new JsonObject()).isH2c());
  }

  @Test
  void defaultConnectionCapLeavesAReserveBelowTheDescriptorLimit() {
    long limit = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
      .getMaxFileDescriptorCount();
    assertEquals(Math.min(Integer.MAX_VALUE, limit - 128 - limit / 20), new TidingsOptions().effectiveMaxConnections());
  }

  @Test
  void negativeCapsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setMaxConnections(-1));
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setMaxStreamsPerUser(-1));
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setMaxStreamsPerAddress(-1));
  }
}
