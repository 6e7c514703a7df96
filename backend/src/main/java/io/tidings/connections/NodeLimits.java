package io.tidings.connections;

/** The node-wide caps, created once per node and shared by every HTTP verticle instance. */
public record NodeLimits(ConnectionCap connections, StreamQuota streams) {
}
