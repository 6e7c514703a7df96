package io.tidings.support;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waits: every wait in a test ends, with a message saying what did not happen. */
public final class Await {

  public static final Duration DEFAULT = Duration.ofSeconds(10);

  private Await() {
  }

  public static <T> T result(Future<T> future) {
    return result(future, DEFAULT);
  }

  public static <T> T result(Future<T> future, Duration timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result within " + timeout, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The cause a future fails with, within the default bound; an error if it succeeds. */
  public static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result within " + DEFAULT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    throw new AssertionError("expected a failure, got a success");
  }

  /** Lets time pass, for checks that something does not happen within a while. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public static void until(String what, BooleanSupplier condition) {
    until(what, condition, DEFAULT);
  }

  public static void until(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
