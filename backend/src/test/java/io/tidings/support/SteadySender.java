package io.tidings.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * A backend posting messages one after another on its own thread, each answered before the next,
 * until stopped. Message {@code n} reads {@code "SENDER#n"}, so a reader can tell each apart and
 * check the order; {@code recipient} says where message {@code n} goes ({@code null}: everyone),
 * {@code port} which node it is posted to. A POST answered 200 is accepted; any other outcome
 * (an error status, no answer within 10 s, a refused connection) is uncertain: the message may or
 * may not have been kept, so it may arrive, but at most once. Nothing is sent again.
 */
public final class SteadySender implements AutoCloseable {

  private final Clients clients;
  private final String user;
  private final IntFunction<String> recipient;
  private final IntSupplier port;
  private final Duration pause;
  private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
  private final List<String> uncertain = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long slowestMillis;

  public SteadySender(Clients clients, String user, IntFunction<String> recipient, IntSupplier port, Duration pause) {
    this.clients = clients;
    this.user = user;
    this.recipient = recipient;
    this.port = port;
    this.pause = pause;
    this.thread = new Thread(this::run, "sender-" + user);
    thread.setDaemon(true);
    thread.start();
  }

  /** The text of message {@code n} of a sender. */
  public static String text(String sender, int n) {
    return sender + "#" + n;
  }

  /** The counter in a text this class wrote, or -1. */
  public static int counter(String text) {
    int hash = text.lastIndexOf('#');
    try {
      return hash < 0 ? -1 : Integer.parseInt(text.substring(hash + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void run() {
    for (int n = 1; running; n++) {
      String text = text(user, n);
      String to = recipient.apply(n);
      int target = port.getAsInt();
      long started = System.nanoTime();
      try {
        HttpResponse<Buffer> answer = clients.post(target, new JsonObject().put("user", user).put("message", text).put("to", to));
        if (answer.statusCode() == 200) {
          accepted.add(text);
        } else {
          uncertain.add(text);
          failures.add(text + " to :" + target + " answered " + answer.statusCode() + " " + answer.bodyAsString());
        }
      } catch (AssertionError | RuntimeException e) {
        uncertain.add(text);
        failures.add(text + " to :" + target + " failed: " + e.getMessage());
      }
      slowestMillis = Math.max(slowestMillis, (System.nanoTime() - started) / 1_000_000);
      if (!pause.isZero()) {
        Await.pause(pause);
      }
    }
  }

  public String user() {
    return user;
  }

  /** Whom message {@code text} of this sender was for: a user, or {@code null} for everyone. */
  public String recipientOf(String text) {
    return recipient.apply(counter(text));
  }

  /** Stops after the POST in flight is answered (bounded by its 10 s timeout). */
  public void stop() {
    running = false;
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new AssertionError("sender " + user + " did not stop");
    }
  }

  /** Waits (bounded) until this many more messages are accepted than now. */
  public void awaitMore(int count, Duration timeout) {
    int target = accepted.size() + count;
    Await.until(count + " more messages accepted from " + user, () -> accepted.size() >= target, timeout);
  }

  public List<String> accepted() {
    return List.copyOf(accepted);
  }

  public List<String> uncertain() {
    return List.copyOf(uncertain);
  }

  /** What went wrong with the uncertain ones, for the report. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  public long slowestMillis() {
    return slowestMillis;
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      stop();
    }
  }
}
