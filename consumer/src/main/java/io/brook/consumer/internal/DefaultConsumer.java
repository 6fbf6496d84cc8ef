package io.brook.consumer.internal;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.Deserializer;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.InvalidGroupIdException;
import io.brook.common.event.ClientEventListener;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerClosedException;
import io.brook.consumer.ConsumerRecords;
import io.brook.consumer.OffsetAndTimestamp;
import io.brook.consumer.RebalanceListener;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Consumer}: the polling thread's facade over the consumer's parts ({@link ConsumerParts}). It checks
 * arguments and the one-thread rule ({@link ThreadGuard}), runs rebalance steps and hands out records inside
 * {@link #poll}, and asks the background thread ({@link BackgroundLoop}) for everything that needs the network,
 * waiting for the answer where the call is synchronous ({@link Waits}).
 *
 * <p>Thread-safe only as the {@link Consumer} contract says: one thread at a time, {@link #wakeup()} from any.
 */
public final class DefaultConsumer<K, V> implements Consumer<K, V> {
    private static final Logger log = LoggerFactory.getLogger(DefaultConsumer.class);

    private final ConsumerParts<K, V> parts;
    private final ConsumerSettings settings;
    private final SubscriptionState subscriptions;
    private final ThreadGuard guard = new ThreadGuard();
    private final RebalanceRunner.Host rebalanceHost;
    private volatile boolean closed;
    private long nextAutoCommitMs;

    private DefaultConsumer(ConsumerParts<K, V> parts) {
        this.parts = parts;
        this.settings = parts.settings;
        this.subscriptions = parts.subscriptions;
        this.nextAutoCommitMs = parts.time.monotonicMs() + settings.autoCommitIntervalMs();
        this.rebalanceHost = new RebalanceRunner.Host() {
            @Override
            public void commitBeforeRevoke() {
                commitSync(subscriptions.consumedOffsets(), Duration.ofMillis(settings.defaultApiTimeoutMs()));
            }

            @Override
            public void stepDone(RebalanceStep step) {
                GroupMembership membership = parts.membership;
                parts.loop.submit(() -> membership.stepDone(step, parts.time.monotonicMs()));
            }
        };
    }

    /**
     * Parses the configuration and starts a consumer.
     *
     * @param keys null to use {@code key.deserializer}
     * @param values null to use {@code value.deserializer}
     * @param listener receives the consumer's events; may be null
     * @param meterRegistry a Micrometer {@code MeterRegistry}, or null
     */
    public static <K, V> DefaultConsumer<K, V> create(Map<String, ?> config, Deserializer<K> keys,
            Deserializer<V> values, ClientEventListener listener, Object meterRegistry) {
        return new DefaultConsumer<>(new ConsumerParts<>(config, keys, values, listener, meterRegistry));
    }

    /** The client id, as configured or generated. */
    public String clientId() {
        return settings.clientId();
    }

    // ---- subscription ---------------------------------------------------------------------------------------

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, RebalanceListener.NONE);
    }

    @Override
    public void subscribe(Collection<String> topics, RebalanceListener listener) {
        Objects.requireNonNull(listener, "listener");
        Set<String> names = new LinkedHashSet<>();
        for (String t : Objects.requireNonNull(topics, "topics")) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("Topic names must not be null or blank: " + topics);
            }
            names.add(t.trim());
        }
        run(() -> {
            if (names.isEmpty()) {
                unsubscribeNow();
                return;
            }
            requireGroup("subscribe to topics");
            if (subscriptions.subscribe(names, listener)) {
                log.info("[{}] Subscribed to {}", settings.clientId(), names);
            }
            parts.loop.wake();
        });
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, RebalanceListener.NONE);
    }

    @Override
    public void subscribe(Pattern pattern, RebalanceListener listener) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(listener, "listener");
        run(() -> {
            requireGroup("subscribe to a pattern");
            subscriptions.subscribe(pattern, listener);
            log.info("[{}] Subscribed to pattern {}", settings.clientId(), pattern);
            parts.loop.wake();
        });
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        Set<TopicPartition> set = new LinkedHashSet<>();
        for (TopicPartition tp : Objects.requireNonNull(partitions, "partitions")) {
            set.add(Objects.requireNonNull(tp, "partitions must not contain null"));
        }
        run(() -> {
            if (set.isEmpty()) {
                unsubscribeNow();
                return;
            }
            subscriptions.assignFromUser(set);
            parts.observer.assigned(set);
            parts.loop.wake();
        });
    }

    @Override
    public void unsubscribe() {
        run(this::unsubscribeNow);
    }

    private void unsubscribeNow() {
        if (subscriptions.isGroupSubscription()) {
            giveUpGroupPartitions(settings.defaultApiTimeoutMs());
            subscriptions.unsubscribe();
            parts.loop.call(() -> parts.loop.leaveGroup("the consumer unsubscribed"));
        } else {
            subscriptions.unsubscribe();
        }
        parts.loop.wake();
    }

    /** Revokes every group-assigned partition, committing first (within {@code commitTimeoutMs}) if auto. */
    private void giveUpGroupPartitions(long commitTimeoutMs) {
        parts.rebalances.clear();
        Set<TopicPartition> owned = subscriptions.assignment();
        if (owned.isEmpty()) {
            return;
        }
        if (settings.autoCommit()) {
            try {
                commitSync(subscriptions.consumedOffsets(), Duration.ofMillis(commitTimeoutMs));
            } catch (BrookException e) {
                log.warn("[{}] Committing before giving up partitions failed: {}", settings.clientId(), e.toString());
            }
        }
        RebalanceListener listener = subscriptions.listener();
        subscriptions.remove(owned);
        listener.onPartitionsRevoked(owned);
    }

    @Override
    public Set<TopicPartition> assignment() {
        return call(subscriptions::assignment);
    }

    @Override
    public Set<String> subscription() {
        return call(() -> subscriptions.isGroupSubscription() ? Set.copyOf(subscriptions.subscribedTopics())
                : Set.of());
    }

    // ---- poll -----------------------------------------------------------------------------------------------

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("poll timeout must not be negative: " + timeout);
        }
        return call(() -> {
            if (subscriptions.mode() == SubscriptionState.Mode.NONE) {
                throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any "
                        + "partitions");
            }
            long startMs = parts.time.monotonicMs();
            long deadlineMs = startMs + Math.min(timeout.toMillis(), Long.MAX_VALUE / 4);
            // Published for the background thread's max.poll.interval.ms check; it reads the value on every pass,
            // so a poll costs no hand-over. A poll after a long pause wakes it, in case it must rejoin.
            long previous = parts.lastPollMs.getAndSet(startMs);
            if (parts.membership != null && startMs - previous > settings.heartbeatIntervalMs()) {
                parts.loop.wake();
            }
            maybeAutoCommit(startMs);
            while (true) {
                parts.waits.checkWakeup();
                long seen = parts.signal.sequence();
                parts.rebalances.runPending(rebalanceHost);
                throwIfFailed();
                ConsumerRecords<K, V> records = parts.collector.collect(settings.maxPollRecords());
                if (!records.isEmpty()) {
                    parts.observer.polled(records.count());
                    return records;
                }
                long remaining = deadlineMs - parts.time.monotonicMs();
                if (remaining <= 0) {
                    return ConsumerRecords.empty();
                }
                parts.waits.sleep(seen, remaining);
            }
        });
    }

    private void maybeAutoCommit(long nowMs) {
        if (!settings.autoCommit() || nowMs < nextAutoCommitMs) {
            return;
        }
        nextAutoCommitMs = nowMs + settings.autoCommitIntervalMs();
        Map<TopicPartition, OffsetAndMetadata> offsets = subscriptions.consumedOffsets();
        if (!offsets.isEmpty()) {
            commitFuture(offsets, nowMs + settings.defaultApiTimeoutMs()).whenComplete((v, e) -> {
                if (e != null) {
                    log.warn("[{}] Automatic offset commit failed: {}", settings.clientId(), e.toString());
                }
            });
        }
    }

    /** Throws the error of a failed partition or of the group, or a security failure met since, if any. */
    private void throwIfFailed() {
        BrookException fatal = parts.membership == null ? null : parts.membership.fatalError();
        if (fatal != null) {
            parts.observer.crashed(fatal);
            throw fatal;
        }
        BrookException security = parts.securityFailures.take();
        if (security != null) {
            throw security;
        }
        BrookException failure = null;
        subscriptions.lock().lock();
        try {
            for (PartitionState ps : subscriptions.failedLocked()) {
                if (failure == null) {
                    failure = ps.error;
                }
            }
        } finally {
            subscriptions.lock().unlock();
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- commits --------------------------------------------------------------------------------------------

    @Override
    public void commitSync() {
        commitSync(Duration.ofMillis(settings.defaultApiTimeoutMs()));
    }

    @Override
    public void commitSync(Duration timeout) {
        run(() -> commitSync(subscriptions.consumedOffsets(), timeout));
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, Duration.ofMillis(settings.defaultApiTimeoutMs()));
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        Objects.requireNonNull(offsets, "offsets");
        run(() -> {
            long timeoutMs = timeout.toMillis();
            parts.waits.await(commitFuture(offsets, parts.time.monotonicMs() + timeoutMs), timeoutMs,
                    "Offset commit of group " + settings.groupId().orElse(""));
        });
    }

    @Override
    public CompletableFuture<Void> commitAsync() {
        return call(() -> toUser(commitFuture(subscriptions.consumedOffsets(),
                parts.time.monotonicMs() + settings.defaultApiTimeoutMs())));
    }

    @Override
    public CompletableFuture<Void> commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        return call(() -> toUser(commitFuture(offsets, parts.time.monotonicMs() + settings.defaultApiTimeoutMs())));
    }

    private CompletableFuture<Void> commitFuture(Map<TopicPartition, OffsetAndMetadata> offsets, long deadlineMs) {
        requireGroup("commit offsets");
        Map<TopicPartition, OffsetRequests.ToCommit> toCommit = new LinkedHashMap<>();
        offsets.forEach((tp, om) -> toCommit.put(Objects.requireNonNull(tp, "partition"), new OffsetRequests.ToCommit(
                Objects.requireNonNull(om, "offset of " + tp), subscriptions.positionEpoch(tp))));
        boolean groupManaged = subscriptions.isGroupSubscription();
        return parts.loop.call(() -> parts.committer.commit(toCommit, groupManaged, deadlineMs));
    }

    /** A future for the application: completed on the callback thread, never on a Brook I/O thread. */
    private <T> CompletableFuture<T> toUser(CompletableFuture<T> internal) {
        CompletableFuture<T> user = new CompletableFuture<>();
        internal.whenCompleteAsync((v, e) -> {
            if (e != null) {
                user.completeExceptionally(e);
            } else {
                user.complete(v);
            }
        }, parts.callbacks);
        return user;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, Duration.ofMillis(settings.defaultApiTimeoutMs()));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        Objects.requireNonNull(partitions, "partitions");
        return call(() -> {
            requireGroup("read committed offsets");
            long timeoutMs = timeout.toMillis();
            long deadlineMs = parts.time.monotonicMs() + timeoutMs;
            Map<TopicPartition, OffsetRequests.Committed> result = parts.waits.await(parts.loop.call(
                    () -> parts.committer.fetch(partitions, deadlineMs)), timeoutMs, "Reading committed offsets");
            Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetRequests.Committed c = result.get(tp);
                out.put(tp, c == null || c.offset() < 0 ? null : new OffsetAndMetadata(c.offset(), c.metadata()));
            }
            return out;
        });
    }

    // ---- positions ------------------------------------------------------------------------------------------

    @Override
    public long position(TopicPartition partition) {
        return position(partition, Duration.ofMillis(settings.defaultApiTimeoutMs()));
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        Objects.requireNonNull(partition, "partition");
        return call(() -> {
            parts.loop.wake();
            long[] position = {-1L};
            parts.waits.awaitCondition(() -> {
                OptionalLong p = subscriptions.position(partition);
                p.ifPresent(v -> position[0] = v);
                return p.isPresent();
            }, timeout.toMillis(), "Looking up the position of " + partition);
            return position[0];
        });
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("seek offset must not be negative: " + offset);
        }
        run(() -> {
            subscriptions.seek(Objects.requireNonNull(partition, "partition"), offset, -1);
            parts.loop.wake();
        });
    }

    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata offset) {
        Objects.requireNonNull(offset, "offset");
        seek(partition, offset.offset());
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        run(() -> {
            subscriptions.requestReset(all(partitions), ResetStrategy.EARLIEST);
            parts.loop.wake();
        });
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        run(() -> {
            subscriptions.requestReset(all(partitions), ResetStrategy.LATEST);
            parts.loop.wake();
        });
    }

    /** Kafka's convention: an empty collection means every assigned partition. */
    private Collection<TopicPartition> all(Collection<TopicPartition> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        return partitions.isEmpty() ? subscriptions.assignment() : partitions;
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
        return offsetsForTimes(timestamps, Duration.ofMillis(settings.defaultApiTimeoutMs()));
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps,
            Duration timeout) {
        Objects.requireNonNull(timestamps, "timestamps");
        timestamps.forEach((tp, ts) -> {
            if (ts == null || ts < 0) {
                throw new IllegalArgumentException("The timestamp of " + tp + " must be >= 0: " + ts);
            }
        });
        return call(() -> {
            Map<TopicPartition, OffsetRequests.Listed> listed = lookUp(timestamps, timeout, "offsetsForTimes");
            Map<TopicPartition, OffsetAndTimestamp> out = new HashMap<>();
            listed.forEach((tp, l) -> out.put(tp, l.offset() < 0 ? null
                    : new OffsetAndTimestamp(l.offset(), l.timestamp(), l.leaderEpoch())));
            return out;
        });
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return beginningOffsets(partitions, Duration.ofMillis(settings.defaultApiTimeoutMs()));
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return endpoints(partitions, ResetStrategy.EARLIEST_TIMESTAMP, timeout, "beginningOffsets");
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return endOffsets(partitions, Duration.ofMillis(settings.defaultApiTimeoutMs()));
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return endpoints(partitions, ResetStrategy.LATEST_TIMESTAMP, timeout, "endOffsets");
    }

    private Map<TopicPartition, Long> endpoints(Collection<TopicPartition> partitions, long special, Duration timeout,
            String what) {
        Objects.requireNonNull(partitions, "partitions");
        Map<TopicPartition, Long> timestamps = new LinkedHashMap<>();
        partitions.forEach(tp -> timestamps.put(Objects.requireNonNull(tp, "partition"), special));
        return call(() -> {
            Map<TopicPartition, Long> out = new HashMap<>();
            lookUp(timestamps, timeout, what).forEach((tp, l) -> out.put(tp, l.offset()));
            return out;
        });
    }

    private Map<TopicPartition, OffsetRequests.Listed> lookUp(Map<TopicPartition, Long> timestamps, Duration timeout,
            String what) {
        long timeoutMs = timeout.toMillis();
        long deadlineMs = parts.time.monotonicMs() + timeoutMs;
        return parts.waits.await(parts.loop.call(() -> parts.loop.startLookup(new ListOffsetsCall(settings,
                parts.metadata, parts.sender, parts.time, timestamps, deadlineMs)).result()),
                timeoutMs, what);
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        run(() -> subscriptions.pause(Objects.requireNonNull(partitions, "partitions"), true));
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        run(() -> {
            subscriptions.pause(Objects.requireNonNull(partitions, "partitions"), false);
            parts.loop.wake();
        });
    }

    @Override
    public Set<TopicPartition> paused() {
        return call(subscriptions::paused);
    }

    @Override
    public OptionalLong currentLag(TopicPartition partition) {
        Objects.requireNonNull(partition, "partition");
        return call(() -> subscriptions.lag(partition));
    }

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        return call(() -> {
            requireGroup("read the group metadata");
            return parts.waits.await(parts.loop.call(() -> CompletableFuture.completedFuture(
                    parts.membership.groupMetadata())), settings.defaultApiTimeoutMs(), "groupMetadata");
        });
    }

    @Override
    public void wakeup() {
        parts.waits.wakeup();
    }

    // ---- close ----------------------------------------------------------------------------------------------

    @Override
    public void close() {
        close(Duration.ofMillis(settings.defaultApiTimeoutMs()));
    }

    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (closed) {
            return;
        }
        guard.acquire();
        try {
            if (closed) {
                return;
            }
            long deadlineNs = System.nanoTime() + timeout.toNanos();
            try {
                leaveOnClose(timeout);
            } catch (RuntimeException e) {
                log.warn("[{}] Error while leaving the group on close: {}", settings.clientId(), e.toString());
            } finally {
                closed = true;
                parts.shutdown(Duration.ofNanos(Math.max(0L, deadlineNs - System.nanoTime())),
                        new ConsumerClosedException("The consumer " + settings.clientId() + " was closed"));
                log.debug("[{}] Consumer closed", settings.clientId());
            }
        } finally {
            guard.release();
        }
    }

    private void leaveOnClose(Duration timeout) {
        long timeoutMs = Math.min(timeout.toMillis(), settings.defaultApiTimeoutMs());
        if (subscriptions.isGroupSubscription()) {
            long startNs = System.nanoTime();
            giveUpGroupPartitions(timeoutMs);
            // Close timeouts are real time by nature: they bound how long the caller's thread is blocked.
            timeoutMs = Math.max(1L, timeoutMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
            subscriptions.unsubscribe();
            parts.waits.await(parts.loop.call(() -> parts.loop.leaveGroup("the consumer is being closed")),
                    Math.min(timeoutMs, settings.requestTimeoutMs()), "Leaving the group");
        } else if (settings.autoCommit() && parts.committer != null) {
            Map<TopicPartition, OffsetAndMetadata> offsets = subscriptions.consumedOffsets();
            if (!offsets.isEmpty()) {
                commitSync(offsets, Duration.ofMillis(timeoutMs));
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void requireGroup(String action) {
        if (parts.membership == null) {
            throw new InvalidGroupIdException("Cannot " + action + ": group.id is not set in the consumer "
                    + "configuration");
        }
    }

    private void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    private <T> T call(Supplier<T> body) {
        guard.acquire();
        try {
            if (closed) {
                throw new IllegalStateException("This consumer (" + settings.clientId() + ") has already been closed");
            }
            return body.get();
        } finally {
            guard.release();
        }
    }
}
