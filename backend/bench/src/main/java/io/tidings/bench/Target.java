package io.tidings.bench;

/** A server under test, started fresh as its own process(es): Tidings or Nchan. */
interface Target extends AutoCloseable {

  String name();

  /** Where the streams connect. */
  int port();

  /** Where the POSTs go: the same server, or another node of a cluster. */
  default int senderPort() {
    return port();
  }

  /** The stream URI for index {@code {i}}: its own user (channel) when idle, the one broadcast otherwise. */
  String streamUri(boolean broadcast, boolean presence);

  /**
   * Whether a new stream's first event (its welcome) carries the id it starts from: until it has
   * come, messages posted are not owed to that stream, whatever the HTTP head said.
   */
  default boolean welcomesWithId() {
    return false;
  }

  /** The POST that broadcasts {@code text} to every stream. */
  Post broadcast(String text);

  /** Resident memory of the server process(es), in bytes. */
  long residentBytes();

  /** Live heap after a full GC, in bytes, or -1 where there is no heap (Nchan). */
  long liveHeapBytes();

  /** CPU seconds the server process(es) have used so far. */
  double cpuSeconds();

  /** Stops the server (its streams end) and starts a fresh one on the same port; returns once it accepts. */
  void restart();

  @Override
  void close();

  record Post(String uri, String contentType, String body) {
  }
}
