package io.tidings.bench.generator;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The streams of one generator event loop: it opens them, counts their events and records the
 * latency of each benchmark message. Confined to its event loop, so no locks; the generator asks
 * for figures through {@link #onContext}.
 *
 * <p>Streams are raw {@link NetSocket}s read by {@link ResponseDecoder} and {@link EventScanner},
 * not Vert.x's HttpClient nor vertx-web-client's {@code BodyCodec.sseStream}: HttpClient cost about
 * 12 µs of generator CPU per event here (chunk decoding and dispatch per read), enough to lengthen
 * the measured latency tail at 10,000 streams. The generator must not be what limits the figures.
 */
final class StreamShard extends AbstractVerticle {

  private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  private static final int SOURCE_SPREAD = 32;

  private final List<NetClient> clients = new ArrayList<>();
  private final Set<Stream> streams = new HashSet<>();
  // tracked streams by index: they outlive their connections (see OpenSpec)
  private final Map<Integer, Track> tracks = new HashMap<>();
  // each read is copied here and scanned as an array: one copy, no per-byte bounds checks
  private final ReadArray scratch = new ReadArray(64 * 1024);
  private long events;
  private long messages;
  private long bytes;
  private int dropped;
  private long reconnects;
  // streams of an earlier generation were closed on purpose: their ends are not drops
  private int generation;

  private void message(long sentNanos) {
    messages++;
    long micros = Math.max(0, (System.nanoTime() - sentNanos) / 1000);
    latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
  }

  /** Runs {@code action} on this shard's event loop and completes with its result. */
  <T> Future<T> onContext(java.util.function.Supplier<T> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(action.get());
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  /** Opens the streams {@code indices}, at most {@code concurrency} handshakes at once. */
  Future<Opened> open(OpenSpec spec, List<Integer> indices) {
    Promise<Opened> done = Promise.promise();
    context.runOnContext(v -> {
      List<NetClient> sources = new ArrayList<>();
      for (String address : sourceAddresses(spec.localAddress())) {
        NetClient client = vertx.createNetClient(new NetClientOptions()
          .setConnectTimeout(spec.timeoutMillis())
          .setTcpNoDelay(true)
          .setLocalAddress(address));
        clients.add(client);
        sources.add(client);
      }
      new Opener(sources, spec, new ArrayDeque<>(indices), done).start();
    });
    return done.future();
  }

  /**
   * The source addresses for one open: {@code first} and the next ones after it, round-robin.
   * Binding a source address makes Linux search that address's used ports for a free one on every
   * connect, which grew quadratic with thousands of streams on one address (async-profiler:
   * {@code inet_bind2_bucket_find} and {@code inet_csk_get_port} leading the generator's CPU).
   */
  private static List<String> sourceAddresses(String first) {
    List<String> addresses = new ArrayList<>();
    if (first == null) {
      addresses.add(null);
      return addresses;
    }
    int start = Integer.parseInt(first.substring(first.lastIndexOf('.') + 1));
    for (int i = 0; i < SOURCE_SPREAD; i++) {
      addresses.add("127.0.0." + (2 + (start - 2 + i) % 250));
    }
    return addresses;
  }

  /**
   * Closes every stream of this shard; with {@code forget}, their tracks go too, else a resume
   * reopens them from their last event ids (a client-side drop, as when a network path fails).
   */
  Future<Void> closeAll(boolean forget) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      generation++;
      if (forget) {
        tracks.clear();
      }
      List<Future<Void>> closed = new ArrayList<>();
      for (Stream stream : streams) {
        closed.add(stream.socket.close());
      }
      streams.clear();
      for (NetClient client : clients) {
        closed.add(client.close());
      }
      clients.clear();
      Future.join(closed).onComplete(r -> done.complete());
    });
    return done.future();
  }

  /** Figures since the last reset; a copy of the histogram, safe to read on another thread. */
  Future<Counts> snapshot(boolean reset) {
    return onContext(() -> {
      Counts s = new Counts(events, messages, bytes, streams.size(), dropped, reconnects, latencyMicros.copy());
      if (reset) {
        events = 0;
        messages = 0;
        bytes = 0;
        dropped = 0;
        reconnects = 0;
        latencyMicros.reset();
      }
      return s;
    });
  }

  /** Where the tracked streams stand against {@code expected} distinct messages each. */
  Future<Catchup> catchup(long expected) {
    return onContext(() -> {
      int caughtUp = 0;
      long duplicates = 0;
      long missed = 0;
      long fewest = Long.MAX_VALUE;
      long most = 0;
      int withId = 0;
      for (Track t : tracks.values()) {
        withId += t.scanner.lastEventId() != null ? 1 : 0;
        int distinct = t.markers.size();
        caughtUp += distinct >= expected ? 1 : 0;
        duplicates += t.duplicates;
        missed += t.missed;
        fewest = Math.min(fewest, distinct);
        most = Math.max(most, distinct);
      }
      return new Catchup(tracks.size(), caughtUp, duplicates, missed, tracks.isEmpty() ? 0 : fewest, most, withId);
    });
  }

  static Buffer request(String host, int port, String uri) {
    return request(host, port, uri, null);
  }

  /** The stream's GET; with {@code lastEventId} it asks for every event after that one first. */
  static Buffer request(String host, int port, String uri, String lastEventId) {
    return Buffer.buffer(("GET " + uri + " HTTP/1.1\r\nHost: " + host + ":" + port
      + "\r\nAccept: text/event-stream\r\n" + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
      + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * What a tracked stream keeps across its connections: its scanner (and so its last event id),
   * the benchmark messages it received, and how many came twice.
   */
  private static final class Track {
    private final EventScanner scanner = new EventScanner();
    private final MarkerSet markers = new MarkerSet();
    private long duplicates;
    private long missed;
  }

  /** One stream: its socket, its framing state, and whether it is still wanted. */
  private final class Stream implements ResponseDecoder.Listener, EventScanner.Sink {
    private final NetSocket socket;
    private final ResponseDecoder decoder = new ResponseDecoder(this);
    private final Track track;
    private final EventScanner scanner;
    private final int born = generation;
    private final Promise<Void> answered = Promise.promise();
    private boolean open;
    private int status;

    Stream(NetSocket socket, Track track) {
      this.socket = socket;
      this.track = track;
      if (track != null) {
        scanner = track.scanner;
        scanner.newConnection();
      } else {
        scanner = new EventScanner(false);
      }
    }

    @Override
    public void events(int count) {
      events += count;
    }

    @Override
    public void message(long sentNanos) {
      StreamShard.this.message(sentNanos);
      if (track != null && !track.markers.add(sentNanos)) {
        track.duplicates++;
      }
    }

    @Override
    public void missed() {
      if (track != null) {
        track.missed++;
      }
    }

    @Override
    public void reconnect() {
      reconnects++;
    }

    void read(Buffer chunk) {
      try {
        decoder.feed(scratch.copy(chunk), chunk.length());
      } catch (IllegalStateException e) {
        answered.tryFail(e.getMessage());
        socket.close();
      }
    }

    @Override
    public void head(int status) {
      this.status = status;
      if (status == 200) {
        open = true;
        streams.add(this);
        answered.tryComplete();
      } else {
        answered.tryFail("HTTP " + status);
        socket.close();
      }
    }

    @Override
    public void body(byte[] data, int from, int to) {
      if (open) {
        bytes += to - from;
        scanner.scan(data, from, to, this);
      }
    }

    @Override
    public void end() {
      socket.close(); // the server ended the response: the close handler counts the drop
    }

    void closed() {
      answered.tryFail("closed before answering");
      if (open && streams.remove(this) && born == generation) {
        dropped++; // the server ended a stream the benchmark still wanted
      }
      open = false;
    }
  }

  /** Keeps {@code concurrency} handshakes in flight until every index has been tried. */
  private final class Opener {
    private final List<NetClient> sources;
    private final OpenSpec spec;
    private final ArrayDeque<Integer> pending;
    private final Promise<Opened> done;
    private final int total;
    private int inFlight;
    private int ok;
    private int failed;
    private int refused;
    private String firstError;

    Opener(List<NetClient> sources, OpenSpec spec, ArrayDeque<Integer> pending, Promise<Opened> done) {
      this.sources = sources;
      this.spec = spec;
      this.pending = pending;
      this.done = done;
      this.total = pending.size();
    }

    void start() {
      if (total == 0) {
        finish();
        return;
      }
      pump();
    }

    private void pump() {
      while (inFlight < spec.concurrency() && !pending.isEmpty()) {
        int index = pending.poll();
        inFlight++;
        openOne(index).onComplete(ar -> {
          inFlight--;
          if (ar.succeeded()) {
            ok++;
          } else {
            failed++;
            if (firstError == null) {
              firstError = String.valueOf(ar.cause().getMessage());
            }
          }
          if (ok + failed == total) {
            finish();
          } else {
            pump();
          }
        });
      }
    }

    private Future<Void> openOne(int index) {
      Track track = null;
      if (spec.tracked()) {
        track = spec.resume() ? tracks.computeIfAbsent(index, i -> new Track()) : new Track();
        tracks.put(index, track);
      }
      String lastEventId = track != null && spec.resume() ? track.scanner.lastEventId() : null;
      Buffer request = request(spec.host(), spec.port(), spec.uri(index), lastEventId);
      NetClient client = sources.get(index % sources.size());
      Track streamTrack = track;
      return client.connect(spec.port(), spec.host()).compose(socket -> {
        Stream stream = new Stream(socket, streamTrack);
        socket.handler(stream::read);
        socket.closeHandler(v -> stream.closed());
        socket.exceptionHandler(e -> { });
        socket.write(request);
        long timer = vertx.setTimer(spec.timeoutMillis(), t -> {
          if (stream.answered.tryFail("no answer in " + spec.timeoutMillis() + " ms")) {
            socket.close();
          }
        });
        return stream.answered.future().onComplete(ar -> {
          vertx.cancelTimer(timer);
          refused += stream.status == 429 ? 1 : 0;
        });
      });
    }

    private void finish() {
      done.complete(new Opened(ok, failed, refused, 0, firstError));
    }
  }
}
