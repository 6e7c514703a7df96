package io.tidings.http;

/** Whether this node takes new streams. Set once, when it starts draining before shutdown. */
public final class Readiness {

  private volatile boolean draining;

  public boolean isDraining() {
    return draining;
  }

  public void startDraining() {
    draining = true;
  }
}
