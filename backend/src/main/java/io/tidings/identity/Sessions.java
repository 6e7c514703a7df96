package io.tidings.identity;

import io.tidings.bus.Addresses;
import io.tidings.config.IdentityOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Nickname sessions and the names they hold, in the cluster manager's data grid (Vert.x shared
 * async maps: a Hazelcast IMap in a cluster, a local map on one node), so that a name is held
 * cluster-wide and a session works on every node.
 * <ul>
 *   <li>{@code tidings.sessions}: token hash → {@code "NAME EXPIRES_AT_MILLIS"}, kept for the session's life;</li>
 *   <li>{@code tidings.names}: name → the holding session's token hash, kept for the grace period and
 *   renewed by {@link NameKeeper} while the session has a stream open.</li>
 * </ul>
 */
public final class Sessions {

  static final String SESSIONS_MAP = "tidings.sessions";
  static final String NAMES_MAP = "tidings.names";

  private final Vertx vertx;
  private final long sessionMillis;
  private final long graceMillis;

  public Sessions(Vertx vertx, IdentityOptions options) {
    this.vertx = vertx;
    this.sessionMillis = options.getSessionSeconds() * 1000L;
    this.graceMillis = options.getNameGraceSeconds() * 1000L;
  }

  long graceMillis() {
    return graceMillis;
  }

  /**
   * Claims a name: a new session with a new token. A client already holding the name with a
   * valid session gets a fresh token and the old one stops working (rotation on every claim).
   *
   * @return the session, or a {@link Refusal} 409 when another session holds the name
   */
  public Future<Session> claim(String user, String presentedToken) {
    String token = SessionToken.create(user);
    String hash = SessionToken.hash(token);
    Instant expiresAt = Instant.ofEpochMilli(System.currentTimeMillis() + sessionMillis);
    String record = user + " " + expiresAt.toEpochMilli();
    Future<Caller> previous = presentedToken == null ? Future.succeededFuture()
      : verify(presentedToken).otherwise(err -> null);
    return previous.compose(holder -> withMaps((sessions, names) -> {
      Future<Void> held;
      if (holder != null && user.equals(holder.user())) {
        // the same client again: hand the name to the new token, then forget the old one
        held = sessions.put(hash, record, sessionMillis)
          .compose(v -> names.put(user, hash, graceMillis))
          .compose(v -> sessions.remove(holder.session()).mapEmpty());
      } else {
        held = names.putIfAbsent(user, hash, graceMillis).compose(existing -> existing == null
          ? sessions.put(hash, record, sessionMillis)
          : Future.failedFuture(new Refusal(409, "the name '" + user + "' is taken; choose another")));
      }
      return held.map(v -> new Session(user, token, expiresAt));
    }));
  }

  /** The caller a session token proves, or a {@link Refusal} 401. */
  public Future<Caller> verify(String token) {
    String user;
    try {
      user = SessionToken.user(token);
    } catch (Refusal refusal) {
      return Future.failedFuture(refusal);
    }
    String hash = SessionToken.hash(token);
    return withMaps((sessions, names) -> {
      // asked together: one round trip in a cluster
      Future<String> session = sessions.get(hash);
      Future<String> holder = names.get(user);
      return Future.all(session, holder).compose(both -> {
        if (!isLive(session.result(), user)) {
          return Future.failedFuture(Refusal.unauthorized("the session has ended or expired; claim a name again"));
        }
        if (holder.result() == null) {
          // no stream kept the name past its grace period, and nobody took it since: hold it again
          return names.putIfAbsent(user, hash, graceMillis).compose(taken -> taken == null || SessionToken.sameHash(taken, hash)
            ? Future.succeededFuture(Caller.user(user, hash)) : lost(user));
        }
        return SessionToken.sameHash(holder.result(), hash) ? Future.succeededFuture(Caller.user(user, hash)) : lost(user);
      });
    });
  }

  /** Logs out: the token stops working, the name is free, and the user's streams end on every node. */
  public Future<Void> end(Caller caller) {
    return withMaps((sessions, names) ->
      Future.all(sessions.remove(caller.session()), names.removeIfPresent(caller.user(), caller.session()))
    ).map(v -> {
      announceEnded(caller);
      return null;
    });
  }

  /**
   * Renews the hold of a session with a stream open, for another grace period.
   *
   * @return {@code false} when the session has ended or another session holds the name now
   */
  Future<Boolean> keep(String user, String hash) {
    return withMaps((sessions, names) -> {
      Future<String> session = sessions.get(hash);
      Future<String> holder = names.get(user);
      return Future.all(session, holder).compose(both -> {
        boolean ours = holder.result() == null || SessionToken.sameHash(holder.result(), hash);
        if (!ours) {
          return Future.succeededFuture(false);
        }
        if (!isLive(session.result(), user)) {
          return names.removeIfPresent(user, hash).map(false);
        }
        // a get then a put, not an atomic swap: Vert.x's clustered map cannot replace with a time to live.
        // The hold is renewed long before it lapses, so nobody can have taken the name in between
        return names.put(user, hash, graceMillis).map(true);
      });
    });
  }

  /** Tells every node to end the session's streams: it is over. */
  void announceEnded(Caller caller) {
    vertx.eventBus().publish(Addresses.SESSION_ENDED,
      new JsonObject().put("user", caller.user()).put("session", caller.session()));
  }

  private static boolean isLive(String record, String user) {
    if (record == null) {
      return false;
    }
    int space = record.lastIndexOf(' ');
    return record.substring(0, space).equals(user)
      && Long.parseLong(record.substring(space + 1)) > System.currentTimeMillis();
  }

  private static Future<Caller> lost(String user) {
    return Future.failedFuture(Refusal.unauthorized("the name '" + user
      + "' is now held by another session; claim a name again"));
  }

  /**
   * Runs an operation on both maps, once the shared data has handed them over. Asked for on every
   * request, not kept: a kept future belongs to the event loop that first asked, and composing on it
   * would finish the request there, off its connection's own loop (strict thread mode).
   */
  private <T> Future<T> withMaps(BiFunction<AsyncMap<String, String>, AsyncMap<String, String>, Future<T>> operation) {
    Future<AsyncMap<String, String>> sessions = vertx.sharedData().getAsyncMap(SESSIONS_MAP);
    Future<AsyncMap<String, String>> names = vertx.sharedData().getAsyncMap(NAMES_MAP);
    return Future.all(sessions, names).compose(both -> operation.apply(sessions.result(), names.result()));
  }
}
