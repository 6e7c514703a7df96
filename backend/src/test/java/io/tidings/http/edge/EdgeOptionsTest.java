package io.tidings.http.edge;

import io.tidings.config.CommandLine;
import io.tidings.config.TidingsOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The edge's options: defaults, flags, JSON, and the checks their setters make. */
class EdgeOptionsTest {

  @Test
  void defaultsAreSixtySecondsIdleTenSecondsForAHeadAndEightAndFourKibOfHead() {
    TidingsOptions options = new TidingsOptions();
    assertEquals(60, options.getIdleTimeoutSeconds());
    assertEquals(10, options.getHeaderTimeoutSeconds());
    assertEquals(8192, options.getMaxHeaderBytes());
    assertEquals(4096, options.getMaxRequestLineBytes());
  }

  @Test
  void flagsReachTheOptionsAndSurviveAJsonRoundTrip() {
    CommandLine command = new CommandLine();
    new picocli.CommandLine(command).parseArgs("--idle-timeout-seconds", "90", "--header-timeout-seconds", "5",
      "--max-header-bytes", "16384", "--max-request-line-bytes", "2048");
    TidingsOptions options = new TidingsOptions(command.toOptions().toJson());
    assertEquals(90, options.getIdleTimeoutSeconds());
    assertEquals(5, options.getHeaderTimeoutSeconds());
    assertEquals(16384, options.getMaxHeaderBytes());
    assertEquals(2048, options.getMaxRequestLineBytes());
  }

  @Test
  void settersRefuseValuesOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setIdleTimeoutSeconds(0));
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setHeaderTimeoutSeconds(0));
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setMaxHeaderBytes(10));
    assertThrows(IllegalArgumentException.class, () -> new TidingsOptions().setMaxRequestLineBytes(10));
    assertThrows(IllegalArgumentException.class,
      () -> new TidingsOptions().setHeartbeatSeconds(30).setIdleTimeoutSeconds(30).checkTimeouts());
  }
}
