package io.tidings.bench;

import io.vertx.core.json.JsonObject;

/**
 * CPU used during a step, in cores (CPU seconds per wall second) for the server, the generator
 * processes (which read the streams and send the POSTs) and this controlling process: evidence of
 * which side limited a figure.
 */
final class CpuUse {

  private final java.util.function.DoubleSupplier serverSeconds;
  private final Fleet fleet;
  private final long start = System.nanoTime();
  private final double server;
  private final double generators;
  private final double self;

  private CpuUse(java.util.function.DoubleSupplier serverSeconds, Fleet fleet) {
    this.serverSeconds = serverSeconds;
    this.fleet = fleet;
    this.server = serverSeconds.getAsDouble();
    this.generators = fleet.cpuSeconds();
    this.self = ProcessMemory.cpuSeconds(ProcessHandle.current().pid());
  }

  static CpuUse start(Target target, Fleet fleet) {
    return new CpuUse(target::cpuSeconds, fleet);
  }

  /** With the server's CPU read from {@code serverSeconds}: one node of several, when another exits meanwhile. */
  static CpuUse start(java.util.function.DoubleSupplier serverSeconds, Fleet fleet) {
    return new CpuUse(serverSeconds, fleet);
  }

  JsonObject stop() {
    double wall = (System.nanoTime() - start) / 1e9;
    return new JsonObject()
      .put("server", round((serverSeconds.getAsDouble() - server) / wall))
      .put("generators", round((fleet.cpuSeconds() - generators) / wall))
      .put("controller", round((ProcessMemory.cpuSeconds(ProcessHandle.current().pid()) - self) / wall));
  }

  private static double round(double cores) {
    return Math.round(cores * 100) / 100.0;
  }
}
