package io.tidings.message;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message ids: unique without coordination, and in time order as plain strings. */
class MessageIdsTest {

  @Test
  void idsOfOneGeneratorAreUniqueAndStrictlyIncreasingAsStrings() {
    MessageIds ids = new MessageIds();
    String previous = ids.next();
    for (int i = 1; i < 100_000; i++) {
      String id = ids.next();
      assertTrue(id.compareTo(previous) > 0, "draw " + i + ": '" + id + "' does not sort after '" + previous + "'");
      previous = id;
    }
  }

  @Test
  void idsHaveAFixedWidthAndCarryTheirNodePart() {
    MessageIds ids = new MessageIds();
    String id = ids.next();
    assertEquals(19, id.length(), id);
    assertEquals(ids.node(), id.substring(10, 14), id);
  }

  @Test
  void twoNodesHaveDifferentNodePartsAndNeverCollide() {
    // node parts are random: the odds that two nodes draw the same one are 1 in 36^4 (1.7 million)
    MessageIds first = new MessageIds();
    MessageIds second = new MessageIds();
    assertNotEquals(first.node(), second.node());

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(seen.add(first.next()), "duplicate id from the first node");
      assertTrue(seen.add(second.next()), "duplicate id from the second node");
    }
  }

  @Test
  void idsDrawnFromManyThreadsAreAllUnique() throws Exception {
    MessageIds ids = new MessageIds();
    int threads = 4;
    int draws = 10_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<List<String>>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(() -> {
          List<String> drawn = new ArrayList<>(draws);
          for (int i = 0; i < draws; i++) {
            drawn.add(ids.next());
          }
          return drawn;
        });
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> result : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
        all.addAll(result.get());
      }
      assertEquals(threads * draws, all.size(), "every id drawn concurrently is distinct");
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void millisOfAnIdIsTheTimeItWasDrawn() {
    long before = System.currentTimeMillis();
    String id = new MessageIds().next();
    long millis = MessageIds.millisOf(id);
    assertTrue(Math.abs(millis - before) < 1000, "id time " + millis + " vs now " + before);
  }
}
