package io.tidings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Memory figures of other processes, from /proc and jcmd. */
final class ProcessMemory {

  // one "total ..., used NK" line per heap space: G1 has one, Serial and Parallel two (young, old);
  // the Metaspace lines have no "total"
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private ProcessMemory() {
  }

  /** VmRSS of one process, in bytes; 0 when it is gone. */
  static long residentBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /**
   * Proportional set size of one process, in bytes (its private pages plus its share of pages
   * mapped by several, such as nginx's shared memory zone): summed over processes, shared pages
   * count once. 0 when it is gone.
   */
  static long proportionalBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** CPU time (user + system) a process has used so far, in seconds; 0 when it is gone. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of stat (utime, stime) in clock ticks, 100 a second on Linux
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The direct children of {@code pid} (nginx workers of their master). */
  static List<Long> children(long pid) {
    List<Long> children = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          if (Long.parseLong(afterName[1]) == pid) {
            children.add(Long.parseLong(p.getFileName().toString()));
          }
        } catch (IOException | RuntimeException ignored) {
          // gone meanwhile
        }
      });
    } catch (IOException e) {
      return children;
    }
    return children;
  }

  /** Runs a full GC in a JVM ({@code jcmd PID GC.run}), then reads its used heap. */
  static long liveHeapBytes(long pid) {
    run("jcmd", String.valueOf(pid), "GC.run");
    String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    long used = -1;
    while (m.find()) {
      used = Math.max(used, 0) + Long.parseLong(m.group(1)) * 1024;
    }
    return used;
  }

  private static String run(String... command) {
    Path out = null;
    try {
      // output to a file, so that a jcmd that hangs is bounded by waitFor rather than a blocking read
      out = Files.createTempFile("tidings-bench-jcmd", ".txt");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return Files.readString(out);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temp file left behind
        }
      }
    }
  }
}
