package io.tidings.connections;

/** What the registry needs from the node's configuration. */
public record RegistryOptions(long heartbeatMillis, int snapshotLimit) {
}
