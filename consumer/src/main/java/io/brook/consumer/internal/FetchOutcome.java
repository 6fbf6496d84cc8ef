package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.common.config.IsolationLevel;
import io.brook.protocol.Errors;
import io.brook.protocol.message.FetchResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one Fetch response to the partitions it answers, under the {@link SubscriptionState}'s lock: records
 * become {@link CompletedFetch}es in the {@link FetchBuffer} (if the partition's position did not move since the
 * fetch was sent), the high watermark, last stable offset and log start offset are kept for lag, and partition
 * errors lead to a reset, a failure for the application, or a metadata refresh (collected for the caller to
 * request outside the lock).
 *
 * <p>Used once, on the background thread.
 */
final class FetchOutcome {
    private static final Logger log = LoggerFactory.getLogger(FetchOutcome.class);
    /** Partition errors after which the leader or the topic must be looked up again. */
    private static final Set<Errors> REFRESH_METADATA = EnumSet.of(Errors.NOT_LEADER_OR_FOLLOWER,
            Errors.FENCED_LEADER_EPOCH, Errors.UNKNOWN_LEADER_EPOCH, Errors.UNKNOWN_TOPIC_OR_PARTITION,
            Errors.UNKNOWN_TOPIC_ID, Errors.INCONSISTENT_TOPIC_ID, Errors.KAFKA_STORAGE_ERROR,
            Errors.REPLICA_NOT_AVAILABLE, Errors.LEADER_NOT_AVAILABLE, Errors.OFFSET_NOT_AVAILABLE);

    /** What was asked for one partition. */
    record Request(PartitionState owner, long version, long fetchOffset) {}

    /** Finds what was asked for a partition of the response; null if it was not part of the fetch. */
    @FunctionalInterface
    interface Requests {
        Request find(TopicPartition tp, FetchResponse.PartitionData data);
    }

    private final ConsumerSettings settings;
    private final SubscriptionState subscriptions;
    private final FetchBuffer buffer;
    private final ByteBufAllocator alloc;
    private final Set<Errors> metadataErrors = EnumSet.noneOf(Errors.class);
    private int bufferedPartitions;
    private long bufferedBytes;

    FetchOutcome(ConsumerSettings settings, SubscriptionState subscriptions, FetchBuffer buffer,
            ByteBufAllocator alloc) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.buffer = buffer;
        this.alloc = alloc;
    }

    /**
     * @param asked every partition of the fetch (incremental answers leave out those without news)
     * @param topicIds the ids the request used, to name the topics of answers by id
     */
    void apply(FetchResponse response, Collection<TopicPartition> asked, Map<String, UUID> topicIds,
            Requests requests) {
        Map<UUID, String> names = new java.util.HashMap<>();
        topicIds.forEach((name, id) -> names.put(id, name));
        Set<TopicPartition> answered = new HashSet<>();
        ReentrantLock lock = subscriptions.lock();
        lock.lock();
        try {
            for (FetchResponse.FetchableTopicResponse topic : response.responses()) {
                String name = topic.topic() != null && !topic.topic().isEmpty() ? topic.topic()
                        : names.get(topic.topicId());
                if (name == null) {
                    continue;
                }
                for (FetchResponse.PartitionData data : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(name, data.partitionIndex());
                    Request request = requests.find(tp, data);
                    if (request == null || !answered.add(tp)) {
                        continue;
                    }
                    applyPartition(request, data);
                }
            }
            for (TopicPartition tp : asked) {
                if (!answered.contains(tp)) {
                    Request request = requests.find(tp, null);
                    if (request != null) {
                        request.owner().outstandingFetches--;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lock held. */
    private void applyPartition(Request request, FetchResponse.PartitionData data) {
        PartitionState ps = request.owner();
        boolean current = subscriptions.stateLocked(ps.tp) == ps && ps.version == request.version();
        if (subscriptions.stateLocked(ps.tp) == ps) {
            if (data.highWatermark() >= 0) {
                ps.highWatermark = data.highWatermark();
            }
            if (data.lastStableOffset() >= 0) {
                ps.lastStableOffset = data.lastStableOffset();
            }
            if (data.logStartOffset() >= 0) {
                ps.logStartOffset = data.logStartOffset();
            }
        }
        Errors error = Errors.forCode(data.errorCode());
        ByteBuf records = data.records();
        if (error == Errors.NONE && current && records != null && records.isReadable()) {
            CompletedFetch fetch = new CompletedFetch(ps, request.version(), request.fetchOffset(),
                    records.retainedSlice(), alloc, settings.checkCrcs(), aborted(data));
            ps.fetchOffset = fetch.nextFetchOffset;
            buffer.addLocked(fetch);
            bufferedPartitions++;
            bufferedBytes += fetch.sizeInBytes;
            return;
        }
        ps.outstandingFetches--;
        if (error == Errors.NONE || !current) {
            return;
        }
        if (error == Errors.OFFSET_OUT_OF_RANGE) {
            if (ps.resetStrategy.kind() == ResetStrategy.Kind.NONE) {
                ps.fail(Fetcher.outOfRange(ps.tp, request.fetchOffset()));
            } else {
                log.info("[{}] Fetch position {} of {} is out of range (log {}..{}); resetting to {}",
                        settings.clientId(), request.fetchOffset(), ps.tp, ps.logStartOffset, ps.highWatermark,
                        ps.resetStrategy);
                ps.reset(ps.resetStrategy);
            }
            subscriptions.signal().signal();
        } else if (error == Errors.TOPIC_AUTHORIZATION_FAILED) {
            ps.fail(error.exception("Not authorized to read topic " + ps.tp.topic() + " (partition " + ps.tp
                    + ")"));
            subscriptions.signal().signal();
        } else if (REFRESH_METADATA.contains(error)) {
            metadataErrors.add(error);
            log.debug("[{}] Fetch of {} failed with {}; refreshing metadata", settings.clientId(), ps.tp, error);
        } else {
            log.warn("[{}] Fetch of {} at offset {} failed with {}; retrying", settings.clientId(), ps.tp,
                    request.fetchOffset(), error);
        }
    }

    private AbortedTransactions aborted(FetchResponse.PartitionData data) {
        if (settings.isolationLevel() != IsolationLevel.READ_COMMITTED) {
            return null;
        }
        List<AbortedTransactions.Aborted> list = new ArrayList<>();
        if (data.abortedTransactions() != null) {
            for (FetchResponse.AbortedTransaction a : data.abortedTransactions()) {
                list.add(new AbortedTransactions.Aborted(a.producerId(), a.firstOffset()));
            }
        }
        return new AbortedTransactions(list);
    }

    /** Errors seen that call for a metadata refresh. */
    Set<Errors> metadataErrors() {
        return metadataErrors;
    }

    int bufferedPartitions() {
        return bufferedPartitions;
    }

    long bufferedBytes() {
        return bufferedBytes;
    }
}
