package io.tidings.connections;

import io.tidings.sse.SseStream;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The open streams (tabs) of one user in one verticle instance, and the one bus consumer they share. */
final class UserStreams {

  final List<SseStream> streams = new ArrayList<>(1);
  final MessageConsumer<JsonObject> consumer;

  UserStreams(MessageConsumer<JsonObject> consumer) {
    this.consumer = consumer;
  }

  /** Completes once the consumer is registered: events published after that reach the user. */
  Future<Void> ready() {
    return consumer.completion();
  }
}
