package io.brook.consumer;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.Deserializer;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Reads records from Kafka topics: either partitions chosen by hand ({@link #assign}) or, with a
 * {@code group.id}, the partitions a consumer group gives this member of the topics it subscribes to
 * ({@link #subscribe}). The application calls {@link #poll} in a loop; each call hands out the next records of the
 * assigned partitions, from the position each partition has reached.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>One thread at a time.</b> A consumer is used by one thread at a time; a call from a second thread while
 *       another is inside the consumer fails with {@link ConcurrentUseException}. Only {@link #wakeup()} may be
 *       called from any thread. Rebalance listeners run inside {@code poll} on the polling thread and may use the
 *       consumer.
 *   <li><b>Positions.</b> Records are handed out in offset order per partition, each once, from the position: the
 *       committed offset of the group, else {@code auto.offset.reset}. {@link #seek} moves a position. A record of
 *       a partition no longer assigned is never handed out.
 *   <li><b>Background work.</b> A background thread ({@code brook-<clientId>-consumer}) fetches ahead (bounded by
 *       {@code fetch.max.bytes} for the whole consumer), heartbeats, and talks to the group coordinator, so slow
 *       processing does not end the group session; but a member that does not poll for
 *       {@code max.poll.interval.ms} leaves the group and its next poll throws
 *       {@link PollIntervalExceededException}.
 *   <li><b>Errors.</b> Blocking calls throw {@link WakeupException} after {@link #wakeup()}, the typed exception
 *       of a broker error, {@link io.brook.common.errors.TimeoutException} when {@code default.api.timeout.ms} (or
 *       the given timeout) passes, and {@link IllegalStateException} after {@link #close()}.
 * </ul>
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Consumer<K, V> extends AutoCloseable {

    /**
     * Creates a consumer. The configuration uses kafka-clients' consumer keys ({@code bootstrap.servers} required;
     * see {@code docs/CONFIGURATION.md}); unknown keys are rejected.
     *
     * @throws io.brook.common.config.ConfigException if a key is unknown or a value invalid
     */
    static <K, V> Consumer<K, V> create(Map<String, ?> config, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        return builder(config, keyDeserializer, valueDeserializer).build();
    }

    /**
     * Creates a consumer whose deserializers are named by {@code key.deserializer} and {@code value.deserializer}
     * (Kafka's String, ByteArray, Long or Integer deserializers, mapped to Brook's).
     */
    static <K, V> Consumer<K, V> create(Map<String, ?> config) {
        return ConsumerBuilder.<K, V>fromConfig(config).build();
    }

    /** A builder for a consumer with an event listener or a Micrometer registry. */
    static <K, V> ConsumerBuilder<K, V> builder(Map<String, ?> config, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        return new ConsumerBuilder<>(config, keyDeserializer, valueDeserializer);
    }

    /** {@link #subscribe(Collection, RebalanceListener)} without a listener. */
    void subscribe(Collection<String> topics);

    /**
     * Joins the group ({@code group.id}) to consume {@code topics}, replacing any earlier subscription. The group
     * assigns the partitions; {@code listener} is told of every change. An empty collection unsubscribes.
     *
     * @throws IllegalStateException if partitions were assigned by hand ({@link #assign})
     * @throws io.brook.common.errors.InvalidGroupIdException if {@code group.id} is not set
     */
    void subscribe(Collection<String> topics, RebalanceListener listener);

    /** {@link #subscribe(Pattern, RebalanceListener)} without a listener. */
    void subscribe(Pattern pattern);

    /**
     * Subscribes to every topic whose whole name matches {@code pattern}, re-checked on every metadata refresh
     * ({@code metadata.max.age.ms}) so that topics created later are picked up.
     */
    void subscribe(Pattern pattern, RebalanceListener listener);

    /**
     * Consumes exactly {@code partitions}, without group management, replacing any earlier assignment. Partitions
     * kept keep their position. An empty collection unassigns everything.
     *
     * @throws IllegalStateException if the consumer subscribed to topics or a pattern
     */
    void assign(Collection<TopicPartition> partitions);

    /** Drops the subscription or assignment; a group member revokes its partitions and leaves the group. */
    void unsubscribe();

    /** The partitions assigned now. */
    Set<TopicPartition> assignment();

    /** The subscribed topics (for a pattern, those it matches now); empty when assigning by hand. */
    Set<String> subscription();

    /**
     * Returns the next records, at most {@code max.poll.records}, waiting up to {@code timeout} for some; returns as
     * soon as records are available. Runs the rebalance listener when the group reassigns partitions.
     *
     * @throws IllegalStateException if the consumer neither subscribed nor was assigned partitions
     * @throws WakeupException if {@link #wakeup()} was called
     * @throws InvalidOffsetException if a partition has no valid position and {@code auto.offset.reset=none}
     * @throws PollIntervalExceededException once after {@code max.poll.interval.ms} passed between two polls
     */
    ConsumerRecords<K, V> poll(Duration timeout);

    /** Commits the positions of every assigned partition (what poll handed out), waiting for the answer. */
    void commitSync();

    /** {@link #commitSync()} waiting at most {@code timeout}. */
    void commitSync(Duration timeout);

    /**
     * Commits {@code offsets} (the offset of the next record to read, per partition), waiting for the answer.
     *
     * @throws CommitFailedException if the group rebalanced and this member lost its generation
     */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /** {@link #commitSync(Map)} waiting at most {@code timeout}. */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout);

    /**
     * Commits the positions of every assigned partition without waiting. Commits are sent in the order they were
     * made. The future completes on a Brook callback thread, never on an I/O thread.
     */
    CompletableFuture<Void> commitAsync();

    /** Commits {@code offsets} without waiting; see {@link #commitAsync()}. */
    CompletableFuture<Void> commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /**
     * The group's committed offsets of {@code partitions}; a partition without a committed offset maps to null.
     */
    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    /** {@link #committed(Set)} waiting at most {@code timeout}. */
    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout);

    /**
     * The offset of the next record poll will hand out for {@code partition}, looking it up (committed offset or
     * {@code auto.offset.reset}) if not known yet.
     *
     * @throws IllegalStateException if the partition is not assigned
     */
    long position(TopicPartition partition);

    /** {@link #position(TopicPartition)} waiting at most {@code timeout}. */
    long position(TopicPartition partition, Duration timeout);

    /** Moves the position of an assigned partition; the next poll reads from {@code offset}. */
    void seek(TopicPartition partition, long offset);

    /** Moves the position to {@code offset.offset()}, validating its leader epoch if known. */
    void seek(TopicPartition partition, OffsetAndMetadata offset);

    /** Moves the positions to the first offsets of the logs (looked up when next needed). */
    void seekToBeginning(Collection<TopicPartition> partitions);

    /** Moves the positions to the ends of the logs (looked up when next needed). */
    void seekToEnd(Collection<TopicPartition> partitions);

    /**
     * For each partition, the first offset whose timestamp is at or after the given one (ms since the epoch), or
     * null if there is none.
     */
    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps);

    /** {@link #offsetsForTimes(Map)} waiting at most {@code timeout}. */
    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps, Duration timeout);

    /** The first offset of each partition's log. */
    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    /** {@link #beginningOffsets(Collection)} waiting at most {@code timeout}. */
    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout);

    /** The end of each partition's log: the high watermark, or the last stable offset for read_committed. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    /** {@link #endOffsets(Collection)} waiting at most {@code timeout}. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout);

    /** Stops handing out (and fetching) records of {@code partitions} until {@link #resume}. */
    void pause(Collection<TopicPartition> partitions);

    /** Hands out records of {@code partitions} again. */
    void resume(Collection<TopicPartition> partitions);

    /** The paused partitions. */
    Set<TopicPartition> paused();

    /**
     * How far the position of {@code partition} is behind the end of its log, as the last fetch reported it;
     * empty before a fetch reported it or while the position is unknown. Never blocks.
     */
    OptionalLong currentLag(TopicPartition partition);

    /**
     * This member's group identity (generation, member id), for a transactional producer's
     * {@code sendOffsetsToTransaction}.
     *
     * @throws io.brook.common.errors.InvalidGroupIdException if {@code group.id} is not set
     */
    ConsumerGroupMetadata groupMetadata();

    /**
     * Makes the blocking call in progress, or else the next one, throw {@link WakeupException}. The only method any
     * thread may call at any time.
     */
    void wakeup();

    /**
     * Commits (with {@code enable.auto.commit}), revokes the partitions, leaves the group (unless static), and
     * stops the consumer's threads, within {@code default.api.timeout.ms}. Idempotent.
     */
    @Override
    void close();

    /** {@link #close()} within {@code timeout}. */
    void close(Duration timeout);
}
