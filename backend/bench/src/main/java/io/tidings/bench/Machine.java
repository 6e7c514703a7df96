package io.tidings.bench;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on. */
final class Machine {

  private Machine() {
  }

  static JsonObject describe() {
    return new JsonObject()
      .put("cores", Runtime.getRuntime().availableProcessors())
      .put("cpu", cpuModel())
      .put("memoryBytes", memTotal())
      .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
      .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0L);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
