package io.tidings.bench;

import java.io.PrintStream;

/** Progress lines on stderr during a run, each with the seconds since the start. */
final class Progress {

  private final PrintStream out;
  private final long start = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
  }

  void say(String format, Object... args) {
    out.printf("[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, String.format(format, args));
    out.flush();
  }
}
