package io.tidings.bench;

import io.tidings.bench.generator.Callers;
import io.tidings.bench.generator.PostResult;
import io.tidings.bench.generator.PostSpec;

/**
 * The POSTs a scenario asks for, sent by the generator processes (see {@code PostSender}) rather
 * than this one, so the sender scales with them. A body given to {@link Target} may hold
 * {@link #MARKER}, replaced by {@code bench:<System.nanoTime()>;} as each POST is sent, and
 * {@link #RECIPIENT}, replaced by a random index below the {@code recipients} given,
 * {@link #SEQUENCE}, replaced by the request's number (0, 1, 2, ...: never the same twice in a run), and
 * {@link #CALLER}, replaced by the number of the user the connection posts as (see {@link Callers}).
 */
final class Sender {

  static final String MARKER = PostSpec.MARKER;
  static final String RECIPIENT = PostSpec.RECIPIENT;
  static final String SEQUENCE = PostSpec.SEQUENCE;
  static final String CALLER = PostSpec.CALLER;
  /** Keep-alive connections for a closed loop: enough that the sender's round trips are never the limit. */
  static final int DEFAULT_CONNECTIONS = 128;
  // at a rate, connections only carry the POSTs due; a few spare cover a slow answer
  private static final int RATE_CONNECTIONS = 16;
  // one process offers far more than this: below it, one sender keeps the POSTs evenly spaced
  private static final double ONE_PROCESS_RATE = 5_000;

  private final Fleet fleet;

  Sender(Fleet fleet) {
    this.fleet = fleet;
  }

  /** {@code rate} POSTs a second for {@code seconds}, on schedule whatever the answers take. */
  PostResult atRate(int port, Target.Post post, double rate, double seconds) {
    return atRate(port, post, 0, rate, seconds);
  }

  /** The same, each POST to a random one of {@code recipients} (see {@link #RECIPIENT}). */
  PostResult atRate(int port, Target.Post post, int recipients, double rate, double seconds) {
    return fleet.post(spec(port, post, recipients, rate, RATE_CONNECTIONS, seconds),
      rate > ONE_PROCESS_RATE ? fleet.size() : 1);
  }

  /** As many POSTs as the server takes with {@code connections} in flight, for {@code seconds}. */
  PostResult closedLoop(int port, Target.Post post, int recipients, int connections, double seconds) {
    return closedLoop(port, post, Callers.NONE, recipients, connections, seconds);
  }

  /** The same, each connection posting as one of {@code callers}, with its credential when they have one. */
  PostResult closedLoop(int port, Target.Post post, Callers callers, int recipients, int connections, double seconds) {
    return fleet.post(spec(port, post, recipients, 0, connections, seconds).withCallers(callers), fleet.size());
  }

  private static PostSpec spec(int port, Target.Post post, int recipients, double rate, int connections,
                               double seconds) {
    return new PostSpec("127.0.0.1", port, post.uri(), post.contentType(), post.body(), recipients, rate, connections,
      seconds, null, 42);
  }
}
