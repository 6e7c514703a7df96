package io.tidings.support;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;

import java.time.Duration;

/**
 * Which cluster member owns the partition of a history key ({@code all}, {@code user:NAME}), asked
 * of the cluster itself by a Hazelcast client in the test: a client is no member, so it owns
 * nothing and changes no partition table. Lets a test choose channels whose history a member it
 * is about to kill holds, rather than hope for it.
 */
public final class PartitionOwners implements AutoCloseable {

  private final HazelcastInstance client;

  private PartitionOwners(HazelcastInstance client) {
    this.client = client;
  }

  /** Connects to the members at these Hazelcast ports (Vert.x's cluster name, {@code dev}). */
  public static PartitionOwners connect(int... clusterPorts) {
    ClientConfig config = new ClientConfig().setClusterName("dev");
    for (int port : clusterPorts) {
      config.getNetworkConfig().addAddress("127.0.0.1:" + port);
    }
    config.setProperty("hazelcast.logging.type", "none");
    config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(20_000);
    return new PartitionOwners(HazelcastClient.newHazelcastClient(config));
  }

  /** Waits (bounded) until the cluster has this many members and every partition an owner. */
  public PartitionOwners awaitMembers(int count, Duration timeout) {
    Await.until(count + " members own the partitions", () -> client.getCluster().getMembers().size() == count
      && client.getPartitionService().getPartitions().stream().allMatch(p -> p.getOwner() != null), timeout);
    return this;
  }

  /** The Hazelcast port of the member owning a key's partition now. */
  public int ownerPort(String key) {
    Partition partition = client.getPartitionService().getPartition(key);
    Member owner = partition.getOwner();
    if (owner == null) {
      throw new AssertionError("partition " + partition.getPartitionId() + " of " + key + " has no owner yet");
    }
    return owner.getAddress().getPort();
  }

  public int partitionId(String key) {
    return client.getPartitionService().getPartition(key).getPartitionId();
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
