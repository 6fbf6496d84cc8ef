package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.consumer.CommitEvent;
import io.brook.consumer.ConsumerCrashEvent;
import io.brook.consumer.FetchEvent;
import io.brook.consumer.GroupJoinEvent;
import io.brook.consumer.HeartbeatEvent;
import io.brook.consumer.RebalanceEndEvent;
import io.brook.consumer.RebalanceStartEvent;
import io.brook.consumer.UnsubscribedTopicsEvent;
import io.brook.core.Time;
import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.metrics.Meters;
import io.brook.protocol.Errors;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what the consumer's parts report into events for the application's listener and into Micrometer meters:
 * fetch rate and bytes, records per poll, commit latency, rebalance count and time, heartbeats, and one lag gauge
 * per partition ever assigned (NaN while not assigned or unknown).
 *
 * <p>Thread-safe: called from the background thread (group, fetch, commit reports) and the polling thread (polls,
 * assignments); the meters and the event sink are thread-safe, the set of partitions with a gauge is concurrent.
 */
final class ConsumerObserver implements GroupListener, Fetcher.FetchListener, OffsetCommitter.CommitListener {
    private final String clientId;
    private final String groupId;
    private final EventSink events;
    private final Meters meters;
    private final Time time;
    private final SubscriptionState subscriptions;
    private final Set<TopicPartition> gauged = ConcurrentHashMap.newKeySet();
    private final Meters.Counter fetches;
    private final Meters.Counter fetchBytes;
    private final Meters.Timer fetchLatency;
    private final Meters.Summary recordsPerPoll;
    private final Meters.Counter records;
    private final Meters.Timer commitLatency;
    private final Meters.Counter commitFailures;
    private final Meters.Counter rebalances;
    private final Meters.Timer rebalanceTime;
    private final Meters.Counter heartbeats;

    ConsumerObserver(String clientId, String groupId, EventSink events, Meters meters, Time time,
            SubscriptionState subscriptions) {
        this.clientId = clientId;
        this.groupId = groupId == null ? "" : groupId;
        this.events = events;
        this.meters = meters;
        this.time = time;
        this.subscriptions = subscriptions;
        this.fetches = meters.counter("brook.consumer.fetch.requests", "Fetch responses received", "requests");
        this.fetchBytes = meters.counter("brook.consumer.fetch.bytes", "Record bytes fetched", "bytes");
        this.fetchLatency = meters.timer("brook.consumer.fetch.latency", "Time from sending a fetch to its answer");
        this.recordsPerPoll = meters.summary("brook.consumer.poll.records", "Records returned per poll()",
                "records");
        this.records = meters.counter("brook.consumer.records.consumed", "Records handed out by poll()", "records");
        this.commitLatency = meters.timer("brook.consumer.commit.latency", "Offset commit latency, retries included");
        this.commitFailures = meters.counter("brook.consumer.commit.failures", "Offset commits that failed",
                "commits");
        this.rebalances = meters.counter("brook.consumer.rebalances", "Rebalances completed", "rebalances");
        this.rebalanceTime = meters.timer("brook.consumer.rebalance.time", "Time from the start of a rebalance to "
                + "the assignment");
        this.heartbeats = meters.counter("brook.consumer.heartbeats", "Heartbeats answered", "heartbeats");
    }

    // ---- polling thread ----------------------------------------------------------------------------------------

    /** poll() returned {@code count} records. */
    void polled(int count) {
        if (count > 0) {
            recordsPerPoll.record(count);
            records.increment(count);
        }
    }

    /** Partitions were assigned: each gets a lag gauge the first time. */
    void assigned(Collection<TopicPartition> partitions) {
        if (!meters.enabled()) {
            return;
        }
        for (TopicPartition tp : partitions) {
            if (gauged.add(tp)) {
                meters.gauge("brook.consumer.records.lag", "Records between the position and the end of the log, "
                        + "as of the last fetch", "records", () -> subscriptions.lagGauge(tp), "topic", tp.topic(),
                        "partition", Integer.toString(tp.partition()));
            }
        }
    }

    void unsubscribedTopics(Set<String> topics, Set<TopicPartition> partitions) {
        if (events.enabled()) {
            events.emit(new UnsubscribedTopicsEvent(clientId, time.milliseconds(), topics, partitions));
        }
    }

    /** The consumer stopped on an error it cannot recover from. */
    void crashed(Throwable error) {
        if (events.enabled()) {
            events.emit(new ConsumerCrashEvent(clientId, time.milliseconds(), error.getClass().getName(),
                    error.getMessage()));
        }
    }

    // ---- background thread -------------------------------------------------------------------------------------

    @Override
    public void fetched(int node, int partitions, int buffered, long bytes, long latencyMs) {
        fetches.increment(1);
        fetchBytes.increment(bytes);
        fetchLatency.recordNanos(latencyMs * 1_000_000L);
        if (events.enabled()) {
            events.emit(new FetchEvent(clientId, time.milliseconds(), node, partitions, buffered, bytes, latencyMs));
        }
    }

    @Override
    public void committed(Map<TopicPartition, OffsetRequests.ToCommit> offsets, Throwable error, long latencyMs) {
        commitLatency.recordNanos(latencyMs * 1_000_000L);
        if (error != null) {
            commitFailures.increment(1);
        }
        if (events.enabled()) {
            Map<TopicPartition, Long> plain = new LinkedHashMap<>();
            offsets.forEach((tp, c) -> plain.put(tp, c.offset().offset()));
            events.emit(new CommitEvent(clientId, time.milliseconds(), groupId, plain,
                    error == null ? null : error.getClass().getSimpleName() + ": " + error.getMessage(), latencyMs));
        }
    }

    @Override
    public void joined(int generation, String memberId, boolean leader, String protocol) {
        if (events.enabled()) {
            events.emit(new GroupJoinEvent(clientId, time.milliseconds(), groupId, memberId, generation, leader,
                    protocol));
        }
    }

    @Override
    public void heartbeat(Errors error, long latencyMs) {
        heartbeats.increment(1);
        if (events.enabled()) {
            events.emit(new HeartbeatEvent(clientId, time.milliseconds(), groupId, error.name(), latencyMs));
        }
    }

    @Override
    public void rebalanceStarted(String reason, Set<TopicPartition> owned) {
        if (events.enabled()) {
            events.emit(new RebalanceStartEvent(clientId, time.milliseconds(), groupId, reason, owned));
        }
    }

    @Override
    public void rebalanceEnded(int generation, Set<TopicPartition> assigned, Set<TopicPartition> added,
            Set<TopicPartition> revoked, long durationMs) {
        rebalances.increment(1);
        rebalanceTime.recordNanos(durationMs * 1_000_000L);
        if (events.enabled()) {
            events.emit(new RebalanceEndEvent(clientId, time.milliseconds(), groupId, generation, Set.copyOf(assigned),
                    Set.copyOf(added), Set.copyOf(revoked), durationMs));
        }
    }
}
