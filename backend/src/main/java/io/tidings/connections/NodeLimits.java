package io.tidings.connections;

import io.tidings.ratelimit.StreamsPerUser;

/**
 * The node-wide caps, created once per node and shared by every HTTP verticle instance, and the
 * cluster-wide count of a user's streams.
 */
public record NodeLimits(ConnectionCap connections, StreamQuota streams, StreamsPerUser userStreams) {
}
