package io.brook.producer.internal;

import java.util.UUID;

/**
 * What the metadata says about one topic, in the form the send path needs: the partition count (keyed records hash
 * over all partitions, as Kafka's client does), the queue of every partition, and the partitions that have a leader
 * now (records without key go only to those). Published by the sender thread whenever the metadata changes;
 * immutable, read lock-free by senders.
 *
 * @param partitionCount the topic's partitions
 * @param queues the queue of each partition, indexed by partition number; the same objects across updates
 * @param withLeader the partitions with a known leader, ascending; all of them if none has one
 * @param topicId the topic's id, or null if the broker reported none
 */
record TopicRouting(int partitionCount, PartitionQueue[] queues, int[] withLeader, UUID topicId) {}
