package io.tidings.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The loss-free promise, checked on what a tab received across its reconnections: every message
 * of the senders that was accepted (200) and meant for the tab's user is there, exactly once, in
 * the order each sender posted it within each channel; an uncertain one (its POST failed) is there
 * at most once. Across channels (a direct message and a message to everyone) there is no one order:
 * see {@link #crossChannelInversions}.
 */
public final class Deliveries {

  private Deliveries() {
  }

  /** The messages a tab of {@code user} must get from a sender: to everyone, to the user, or sent by the user. */
  public static List<String> expected(SteadySender sender, String user) {
    return sender.accepted().stream().filter(text -> isFor(sender, text, user)).toList();
  }

  private static boolean isFor(SteadySender sender, String text, String user) {
    String to = sender.recipientOf(text);
    return to == null || to.equals(user) || sender.user().equals(user);
  }

  /** Waits (bounded) until the tab holds every accepted message meant for it, then checks it holds each once, in order. */
  public static void assertExactlyOnceInOrder(ResumingTab tab, List<SteadySender> senders, Duration timeout) {
    try {
      Await.until("the tab of " + tab.user() + " holds every accepted message", () -> {
        Set<String> got = new HashSet<>(texts(tab.messages()));
        return senders.stream().allMatch(s -> got.containsAll(expected(s, tab.user())));
      }, timeout);
      // a repeat, if any, comes right after: give it the time to arrive
      Await.pause(Duration.ofMillis(500));
    } catch (AssertionError timedOut) {
      // what is missing, and what else is wrong, says more than the timeout: reported below
    }
    List<String> problems = problems(tab.user(), tab.messages(), senders);
    if (!problems.isEmpty()) {
      throw new AssertionError("tab of " + tab.user() + " (resumed with " + tab.resumedWith() + "; its streams' bytes in "
        + saveRaw(tab) + "):\n  " + String.join("\n  ", problems));
    }
  }

  private static Path saveRaw(ResumingTab tab) {
    Path dir = Path.of("target", "node-logs");
    try {
      Files.createDirectories(dir);
      List<String> raw = tab.raw();
      for (int i = 0; i < raw.size(); i++) {
        Files.writeString(dir.resolve("tab-" + tab.user() + "-stream-" + i + ".txt"), raw.get(i), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.resolve("tab-" + tab.user() + "-stream-N.txt");
  }

  /** What is wrong with what a reader of {@code user} received; empty when nothing is. */
  public static List<String> problems(String user, List<JsonObject> messages, List<SteadySender> senders) {
    List<String> problems = new ArrayList<>();
    List<String> texts = texts(messages);
    for (SteadySender sender : senders) {
      List<String> mine = texts.stream().filter(t -> t.startsWith(sender.user() + "#")).toList();
      Map<String, Integer> seen = new LinkedHashMap<>();
      mine.forEach(t -> seen.merge(t, 1, Integer::sum));
      seen.forEach((text, times) -> {
        if (times > 1) {
          problems.add(text + " arrived " + times + " times: " + messages.stream()
            .filter(m -> text.equals(m.getString("message"))).map(Deliveries::where).toList());
        }
      });
      Set<String> accepted = new HashSet<>(sender.accepted());
      Set<String> uncertain = new HashSet<>(sender.uncertain());
      for (String text : seen.keySet()) {
        if (!accepted.contains(text) && !uncertain.contains(text)) {
          problems.add(text + " arrived but was never posted");
        } else if (!isFor(sender, text, user)) {
          problems.add(text + " arrived but was for " + sender.recipientOf(text));
        }
      }
      List<String> missing = expected(sender, user).stream().filter(t -> !seen.containsKey(t)).toList();
      if (!missing.isEmpty()) {
        problems.add(missing.size() + " accepted messages of " + sender.user() + " missing: "
          + missing.subList(0, Math.min(10, missing.size())));
      }
      // one order per channel: everyone's, and each user's own
      Map<String, Integer> last = new LinkedHashMap<>();
      for (JsonObject message : messages) {
        String text = message.getString("message");
        if (text == null || !text.startsWith(sender.user() + "#")) {
          continue;
        }
        String channel = channelOf(message);
        int n = SteadySender.counter(text);
        Integer before = last.get(channel);
        if (before != null && n <= before) {
          problems.add(text + " (" + where(message) + ") arrived after " + SteadySender.text(sender.user(), before)
            + " in the channel " + channel);
        }
        last.merge(channel, n, Math::max);
      }
    }
    return problems;
  }

  /**
   * Messages of one sender that arrived after a later one of the same sender in another channel
   * (a direct message overtaken by a message to everyone, or the reverse): each channel has one
   * order, but a stream's channels are not ordered with each other. For the report, not an error.
   */
  public static List<String> crossChannelInversions(List<JsonObject> messages, List<SteadySender> senders) {
    List<String> inversions = new ArrayList<>();
    for (SteadySender sender : senders) {
      int last = 0;
      JsonObject lastMessage = null;
      for (JsonObject message : messages) {
        String text = message.getString("message");
        if (text == null || !text.startsWith(sender.user() + "#")) {
          continue;
        }
        int n = SteadySender.counter(text);
        if (n < last && !channelOf(message).equals(channelOf(lastMessage))) {
          inversions.add(text + " [" + channelOf(message) + ", " + where(message) + "] after "
            + lastMessage.getString("message") + " [" + channelOf(lastMessage) + ", " + where(lastMessage) + "]");
        }
        if (n > last) {
          last = n;
          lastMessage = message;
        }
      }
    }
    return inversions;
  }

  private static String channelOf(JsonObject message) {
    // a reader's direct messages, to it or from it, are all in its own channel
    return message.getString("to") == null ? "everyone" : "own";
  }

  /** Where a message arrived: its SSE id and which of the tab's streams, when the tab recorded them. */
  private static String where(JsonObject message) {
    return "id " + message.getString("sseId") + " on stream " + message.getValue("stream") + " (message id "
      + message.getString("id") + ")";
  }

  private static List<String> texts(List<JsonObject> messages) {
    return messages.stream().map(m -> m.getString("message")).filter(Objects::nonNull).toList();
  }
}
