package io.tidings.bench.generator;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Claims nickname sessions ({@code POST /api/session}) over raw keep-alive sockets, one claim in
 * flight per connection, and keeps the token of each answer: the streams and POSTs of the
 * identity scenario then carry them. Answers are read with {@link ResponseDecoder}, as the
 * {@link PostSender}'s are, so that the client is not what the claim time measures.
 */
final class SessionClaimer extends AbstractVerticle {

  private final ReadArray scratch = new ReadArray(16 * 1024);

  /** Runs {@code spec} and completes with how it went; runs are meant one at a time. */
  Future<Claimed> run(ClaimSpec spec) {
    Promise<Claimed> done = Promise.promise();
    context.runOnContext(v -> new Run(spec, done).start());
    return done.future();
  }

  /** The claim request for {@code index}. */
  static Buffer request(ClaimSpec spec, int index) {
    byte[] body = spec.bodyTemplate().replace(OpenSpec.INDEX, Integer.toString(index)).getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST " + spec.uri() + " HTTP/1.1\r\nHost: " + spec.host() + ":" + spec.port()
      + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII);
    return Buffer.buffer(head.length + body.length).appendBytes(head).appendBytes(body);
  }

  /** One run: its connections, the indices still to claim, and the answers. */
  private final class Run {
    private final ClaimSpec spec;
    private final Promise<Claimed> done;
    private final String[] tokens;
    private final ArrayDeque<Integer> pending = new ArrayDeque<>();
    private final List<NetClient> clients = new ArrayList<>();
    private final long start = System.nanoTime();
    private int connections;
    private int ok;
    private int failed;
    private int refused;
    private String firstError;
    private boolean finished;

    Run(ClaimSpec spec, Promise<Claimed> done) {
      this.spec = spec;
      this.done = done;
      this.tokens = new String[spec.to() - spec.from()];
      for (int i = spec.from(); i < spec.to(); i++) {
        pending.add(i);
      }
    }

    void start() {
      int count = Math.min(Math.max(1, spec.concurrency()), pending.size());
      if (count == 0) {
        finish();
        return;
      }
      for (int k = 0; k < count; k++) {
        NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(spec.timeoutMillis())
          .setTcpNoDelay(true).setLocalAddress(sourceAddress(k)));
        clients.add(client);
        connections++;
        connect(client);
      }
    }

    /** The {@code k}th loopback address after the spec's, so that no one address claims them all. */
    private String sourceAddress(int k) {
      String first = spec.localAddress();
      if (first == null) {
        return null;
      }
      int at = Integer.parseInt(first.substring(first.lastIndexOf('.') + 1));
      return "127.0.0." + (2 + (at - 2 + k) % 250);
    }

    /** A connection that claims until nothing is pending; a lost one is replaced while claims remain. */
    private void connect(NetClient client) {
      client.connect(spec.port(), spec.host()).onComplete(ar -> {
        if (ar.succeeded()) {
          new Connection(client, ar.result()).next();
        } else if (!pending.isEmpty()) {
          // every failed connect uses up one claim, so a server that is gone ends the run
          fail(pending.poll(), "could not connect: " + ar.cause().getMessage());
          connect(client);
        } else {
          connectionDone();
        }
      });
    }

    private void fail(int index, String error) {
      failed++;
      if (firstError == null) {
        firstError = "claim " + index + ": " + error;
      }
    }

    private void connectionDone() {
      if (--connections == 0) {
        finish();
      }
    }

    private void finish() {
      if (finished) {
        return;
      }
      finished = true;
      clients.forEach(NetClient::close);
      done.complete(new Claimed(ok, failed, refused, (System.nanoTime() - start) / 1_000_000, firstError,
        Arrays.asList(tokens)));
    }

    /** One keep-alive connection with at most one claim in flight: {@code current}, or -1. */
    private final class Connection implements ResponseDecoder.Listener {
      private final NetClient client;
      private final NetSocket socket;
      private final ResponseDecoder decoder = new ResponseDecoder(this);
      private Buffer body = Buffer.buffer();
      private int status;
      private int current = -1;
      private long timer = -1;
      private boolean closed;

      Connection(NetClient client, NetSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.handler(this::read);
        socket.exceptionHandler(e -> { });
        socket.closeHandler(v -> lost());
      }

      void next() {
        Integer index = pending.poll();
        if (index == null) {
          closed = true;
          socket.close();
          connectionDone();
          return;
        }
        current = index;
        body = Buffer.buffer();
        timer = vertx.setTimer(spec.timeoutMillis(), t -> {
          fail(current, "no answer in " + spec.timeoutMillis() + " ms");
          current = -1;
          socket.close();
        });
        socket.write(request(spec, index));
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
        body.appendBytes(data, from, to - from);
      }

      @Override
      public void end() {
        if (current < 0) {
          return;
        }
        vertx.cancelTimer(timer);
        int index = current;
        current = -1;
        if (status == 200) {
          try {
            tokens[index - spec.from()] = new JsonObject(body).getString("token");
            ok++;
          } catch (DecodeException | ClassCastException e) {
            fail(index, "HTTP 200 with a body that is not a session: " + body);
          }
        } else {
          refused += status == 429 ? 1 : 0;
          fail(index, "HTTP " + status + " " + body);
        }
        next();
      }

      /** The socket closed: a claim in flight failed; another connection takes the rest. */
      private void lost() {
        if (closed) {
          return;
        }
        closed = true;
        vertx.cancelTimer(timer);
        if (current >= 0) {
          fail(current, "closed before answering");
          current = -1;
        }
        if (!pending.isEmpty()) {
          connect(client);
        } else {
          connectionDone();
        }
      }
    }
  }
}
