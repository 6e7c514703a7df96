package io.tidings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx with the Nchan module on loopback, from a config written into a temp dir:
 * {@code /sub/NAME} an EventSource subscriber of channel NAME, {@code /pub/NAME} its publisher.
 * Its memory is the sum of the master's and the workers' resident memory. Each channel keeps
 * Nchan's default buffer of messages (10, for an hour), or {@code bufferLength} for a day when
 * given: its own resume, from an EventSource's {@code Last-Event-ID}.
 */
final class NchanTarget implements Target {

  static final List<Path> MODULES = List.of(
    Path.of("/usr/lib/nginx/modules/ngx_nchan_module.so"), Path.of("/usr/share/nginx/modules/ngx_nchan_module.so"));

  private final int workers;
  private final int bufferLength;
  private final Path log;
  private final int port;
  // replaced by a restart
  private Process process;
  private Path dir;

  private NchanTarget(int workers, int bufferLength, Path log, int port) {
    this.workers = workers;
    this.bufferLength = bufferLength;
    this.log = log;
    this.port = port;
  }

  /** What is missing to run Nchan here, or {@code null} when it can run. */
  static String missing() {
    boolean nginx = Files.isExecutable(Path.of("/usr/sbin/nginx"));
    boolean module = MODULES.stream().anyMatch(Files::exists);
    if (nginx && module) {
      return null;
    }
    if (isRoot()) {
      try {
        ProcessBuilder install = new ProcessBuilder("apt-get", "install", "-y", "-q", "nginx", "libnginx-mod-nchan")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        install.environment().put("DEBIAN_FRONTEND", "noninteractive");
        System.err.println("tidings-bench: installing nginx and libnginx-mod-nchan with apt-get");
        Process apt = install.start();
        if (apt.waitFor(300, TimeUnit.SECONDS) && apt.exitValue() == 0 && MODULES.stream().anyMatch(Files::exists)) {
          return null;
        }
        apt.destroyForcibly();
      } catch (IOException e) {
        // say what is needed below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return "the Debian packages nginx and libnginx-mod-nchan (apt-get install nginx libnginx-mod-nchan)";
  }

  private static boolean isRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").start();
      String uid = new String(id.getInputStream().readAllBytes()).trim();
      id.waitFor(5, TimeUnit.SECONDS);
      return uid.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static NchanTarget start(int workers, Path log) {
    return start(workers, 0, log);
  }

  /** With {@code bufferLength} messages kept per channel for a day (0: Nchan's defaults). */
  static NchanTarget start(int workers, int bufferLength, Path log) {
    NchanTarget target = new NchanTarget(workers, bufferLength, log, FreePort.find());
    target.launch();
    return target;
  }

  private void launch() {
    try {
      dir = Files.createTempDirectory("tidings-bench-nchan");
      Path module = MODULES.stream().filter(Files::exists).findFirst().orElseThrow();
      String conf = (isRoot() ? "user root root;\n" : "")
        + "load_module " + module + ";\n"
        + "worker_processes " + workers + ";\n"
        + "worker_rlimit_nofile 20000;\n"
        + "pid " + dir.resolve("nginx.pid") + ";\n"
        + "error_log " + dir.resolve("error.log") + " warn;\n"
        + "events { worker_connections 19500; }\n"
        + "http {\n"
        + "  access_log off;\n"
        // nginx closes a keep-alive connection after 1,000 requests, and the generator's senders do not reconnect
        + "  keepalive_requests 1000000;\n"
        + (bufferLength > 0 ? "  nchan_message_buffer_length " + bufferLength + ";\n  nchan_message_timeout 1d;\n" : "")
        + "  client_body_temp_path " + dir.resolve("body") + ";\n"
        + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
        + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
        + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
        + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
        + "  server {\n"
        + "    listen 127.0.0.1:" + port + " backlog=4096;\n"
        + "    location ~ /sub/(\\w+)$ { nchan_subscriber eventsource; nchan_channel_id $1; }\n"
        + "    location ~ /pub/(\\w+)$ { nchan_publisher; nchan_channel_id $1; }\n"
        + "  }\n"
        + "}\n";
      Path confFile = dir.resolve("nginx.conf");
      Files.writeString(confFile, conf);
      process = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", confFile.toString(),
        "-g", "daemon off;").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
      if (!FreePort.awaitListening(port, Duration.ofSeconds(30), process)) {
        close();
        throw new IllegalStateException("nginx did not listen on port " + port + "; see " + log);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not start nginx", e);
    }
  }

  @Override
  public String name() {
    return "nchan";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String streamUri(boolean broadcast, boolean presence) {
    return broadcast ? "/sub/all" : "/sub/c{i}";
  }

  @Override
  public Post broadcast(String text) {
    return new Post("/pub/all", "text/plain", text);
  }

  @Override
  public long residentBytes() {
    long total = ProcessMemory.residentBytes(process.pid());
    for (long worker : ProcessMemory.children(process.pid())) {
      total += ProcessMemory.residentBytes(worker);
    }
    return total;
  }

  /**
   * Proportional set size of the master and its workers: Nchan keeps messages in a shared memory
   * zone every worker maps, which resident memory would count once per worker that touched it.
   */
  long proportionalBytes() {
    long total = ProcessMemory.proportionalBytes(process.pid());
    for (long worker : ProcessMemory.children(process.pid())) {
      total += ProcessMemory.proportionalBytes(worker);
    }
    return total;
  }

  @Override
  public double cpuSeconds() {
    double total = ProcessMemory.cpuSeconds(process.pid());
    for (long worker : ProcessMemory.children(process.pid())) {
      total += ProcessMemory.cpuSeconds(worker);
    }
    return total;
  }

  /** nginx stopped (its workers close every stream) and started again on the same port. */
  @Override
  public void restart() {
    close();
    launch();
  }

  @Override
  public long liveHeapBytes() {
    return -1;
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy(); // SIGTERM: nginx stops its workers
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          for (long worker : ProcessMemory.children(process.pid())) {
            ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
          }
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind
    }
  }
}
