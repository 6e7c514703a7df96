package io.tidings.bench.generator;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends benchmark POSTs over keep-alive {@link NetSocket}s on its own event loop, one request in
 * flight per connection. Requests are pre-built bytes ({@link RequestTemplate}) and answers are
 * read by status line and framing only ({@link ResponseDecoder}): Vert.x's HttpClient reached only
 * 2–6k POSTs/s on 0.6 core here, under what the server takes, so it measured itself.
 */
final class PostSender extends AbstractVerticle {

  private final ReadArray scratch = new ReadArray(16 * 1024);

  /** Runs {@code spec} and completes with how it went; runs are meant one at a time. */
  Future<PostResult> run(PostSpec spec) {
    Promise<PostResult> done = Promise.promise();
    context.runOnContext(v -> new Run(spec, done).start());
    return done.future();
  }

  /** One run: its connections, its schedule and its counts. */
  private final class Run {
    private final PostSpec spec;
    private final Promise<PostResult> done;
    private final RequestTemplate template;
    private final List<Connection> connections = new ArrayList<>();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private NetClient client;
    private long start;
    private long lastAnswer;
    private long total; // at a rate: how many to send
    private long issued;
    private long ok;
    private long failed;
    private long refused;
    private int inFlight;
    private long ticker = -1;
    private long guard = -1;
    private boolean finished;

    Run(PostSpec spec, Promise<PostResult> done) {
      this.spec = spec;
      this.done = done;
      this.template = new RequestTemplate(spec);
    }

    void start() {
      client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true)
        .setLocalAddress(spec.localAddress()));
      List<Future<NetSocket>> connects = new ArrayList<>();
      for (int i = 0; i < spec.connections(); i++) {
        connects.add(client.connect(spec.port(), spec.host()));
      }
      Future.join(connects).onComplete(all -> {
        for (int k = 0; k < connects.size(); k++) {
          Future<NetSocket> f = connects.get(k);
          if (f.succeeded()) {
            Connection c = new Connection(f.result(), spec.callers().of(k));
            connections.add(c);
            idle.add(c);
          }
        }
        if (connections.isEmpty()) {
          client.close();
          done.fail("could not connect: " + connects.get(0).cause());
          return;
        }
        start = System.nanoTime();
        lastAnswer = start;
        // no answer for 30 s past the end: count what is still out as failed, rather than hang
        guard = vertx.setTimer((long) (spec.seconds() * 1000) + 30_000, t -> finish());
        if (spec.closedLoop()) {
          while (!idle.isEmpty()) {
            Connection c = idle.poll();
            c.send(template.build(System.nanoTime(), c.caller));
          }
        } else {
          total = Math.max(1, Math.round(spec.rate() * spec.seconds()));
          ticker = vertx.setPeriodic(0, 1, t -> sendDue());
        }
      });
    }

    /** At a rate: each request's marker is the time it was due, so waiting for a free connection counts. */
    private void sendDue() {
      long due = due();
      while (issued < due && !idle.isEmpty()) {
        Connection c = idle.poll();
        c.send(template.build(start + (long) (issued * 1e9 / spec.rate()), c.caller));
        issued++;
      }
      if (issued >= total && ticker >= 0) {
        vertx.cancelTimer(ticker);
        ticker = -1;
      }
    }

    private long due() {
      return Math.min(total, (long) Math.floor((System.nanoTime() - start) / 1e9 * spec.rate()) + 1);
    }

    void answered(Connection c, int status) {
      inFlight--;
      lastAnswer = System.nanoTime();
      if (status / 100 == 2) {
        ok++;
      } else {
        failed++;
        if (status == 429) {
          refused++;
        }
      }
      if (spec.closedLoop()) {
        if (lastAnswer - start < (long) (spec.seconds() * 1e9)) {
          c.send(template.build(System.nanoTime(), c.caller));
          return;
        }
        idle.add(c);
      } else {
        idle.add(c);
        sendDue();
      }
      finishIfDone();
    }

    void lost(Connection c, boolean hadRequest) {
      connections.remove(c);
      idle.remove(c);
      if (hadRequest) {
        inFlight--;
        failed++;
      }
      if (connections.isEmpty() && !spec.closedLoop()) {
        failed += total - issued; // nothing left to send them on
        issued = total;
      }
      finishIfDone();
    }

    private void finishIfDone() {
      boolean sentAll = spec.closedLoop() ? System.nanoTime() - start >= (long) (spec.seconds() * 1e9)
        || connections.isEmpty() : issued >= total;
      if (sentAll && inFlight == 0) {
        finish();
      }
    }

    private void finish() {
      if (finished) {
        return;
      }
      finished = true;
      failed += inFlight;
      if (!spec.closedLoop()) {
        failed += total - issued;
      }
      vertx.cancelTimer(ticker);
      vertx.cancelTimer(guard);
      client.close();
      done.complete(new PostResult(ok, failed, refused, (lastAnswer - start) / 1e9));
    }

    /** One keep-alive connection with at most one request in flight, all from one caller (or none: -1). */
    private final class Connection implements ResponseDecoder.Listener {
      private final NetSocket socket;
      private final int caller;
      private final ResponseDecoder decoder = new ResponseDecoder(this);
      private int status;
      private boolean busy;

      Connection(NetSocket socket, int caller) {
        this.socket = socket;
        this.caller = caller;
        socket.handler(this::read);
        socket.exceptionHandler(e -> { });
        socket.closeHandler(v -> {
          if (!finished) {
            boolean had = busy;
            busy = false;
            lost(this, had);
          }
        });
      }

      void send(Buffer request) {
        busy = true;
        inFlight++;
        socket.write(request);
      }

      private void read(Buffer chunk) {
        try {
          decoder.feed(scratch.copy(chunk), chunk.length());
        } catch (IllegalStateException e) {
          socket.close();
        }
      }

      @Override
      public void head(int status) {
        this.status = status;
      }

      @Override
      public void body(byte[] data, int from, int to) {
      }

      @Override
      public void end() {
        if (busy && !finished) {
          busy = false;
          answered(this, status);
        }
      }
    }
  }
}
