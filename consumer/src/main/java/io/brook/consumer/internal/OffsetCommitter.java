package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.TimeoutException;
import io.brook.consumer.CommitFailedException;
import io.brook.core.Time;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.Errors;
import io.brook.protocol.message.OffsetCommitResponse;
import io.brook.protocol.message.OffsetFetchResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets to the group coordinator and reads them back. Commits go out one at a time, in the order they
 * were asked for (a retried commit never overtakes a newer one); lookups go out as soon as the coordinator is
 * known. Retriable failures (coordinator moved or loading, no answer) are retried after a backoff until each
 * operation's deadline; a member fenced from its generation fails the commit with {@link CommitFailedException}
 * and makes the member rejoin.
 *
 * <p>Confined to the consumer's background thread; its futures complete there.
 */
final class OffsetCommitter {
    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);
    private static final Set<Errors> COORDINATOR_GONE = EnumSet.of(Errors.COORDINATOR_NOT_AVAILABLE,
            Errors.NOT_COORDINATOR, Errors.REQUEST_TIMED_OUT);
    private static final Set<Errors> FENCED = EnumSet.of(Errors.UNKNOWN_MEMBER_ID, Errors.ILLEGAL_GENERATION,
            Errors.FENCED_INSTANCE_ID, Errors.REBALANCE_IN_PROGRESS);

    /** Told how commits went, for metrics and events. */
    interface CommitListener {
        void committed(Map<TopicPartition, OffsetRequests.ToCommit> offsets, Throwable error, long latencyMs);
    }

    private final ConsumerSettings settings;
    private final String groupId;
    private final GroupMembership membership;
    private final RequestSender sender;
    private final Time time;
    private final CommitListener listener;
    private final Deque<Commit> commits = new ArrayDeque<>();
    private final List<Lookup> lookups = new ArrayList<>();
    private boolean commitInFlight;

    /** One commit; {@code groupManaged}: it must carry the member's generation. */
    private static final class Commit {
        final Map<TopicPartition, OffsetRequests.ToCommit> offsets;
        final boolean groupManaged;
        final long deadlineMs;
        final long startedMs;
        final CompletableFuture<Void> result = new CompletableFuture<>();
        long retryAtMs;
        int attempts;

        Commit(Map<TopicPartition, OffsetRequests.ToCommit> offsets, boolean groupManaged, long deadlineMs,
                long startedMs) {
            this.offsets = offsets;
            this.groupManaged = groupManaged;
            this.deadlineMs = deadlineMs;
            this.startedMs = startedMs;
        }
    }

    /** One lookup of committed offsets. */
    private static final class Lookup {
        final Set<TopicPartition> partitions;
        final long deadlineMs;
        final CompletableFuture<Map<TopicPartition, OffsetRequests.Committed>> result = new CompletableFuture<>();
        long retryAtMs;
        int attempts;
        boolean inFlight;

        Lookup(Set<TopicPartition> partitions, long deadlineMs) {
            this.partitions = partitions;
            this.deadlineMs = deadlineMs;
        }
    }

    OffsetCommitter(ConsumerSettings settings, GroupMembership membership, RequestSender sender, Time time,
            CommitListener listener) {
        this.settings = settings;
        this.groupId = settings.groupId().orElseThrow();
        this.membership = membership;
        this.sender = sender;
        this.time = time;
        this.listener = listener;
    }

    CompletableFuture<Void> commit(Map<TopicPartition, OffsetRequests.ToCommit> offsets, boolean groupManaged,
            long deadlineMs) {
        Commit c = new Commit(Map.copyOf(offsets), groupManaged, deadlineMs, time.monotonicMs());
        if (offsets.isEmpty()) {
            c.result.complete(null);
            return c.result;
        }
        commits.add(c);
        membership.coordinator().want();
        return c.result;
    }

    CompletableFuture<Map<TopicPartition, OffsetRequests.Committed>> fetch(Set<TopicPartition> partitions,
            long deadlineMs) {
        Lookup l = new Lookup(Set.copyOf(partitions), deadlineMs);
        if (partitions.isEmpty()) {
            l.result.complete(Map.of());
            return l.result;
        }
        lookups.add(l);
        membership.coordinator().want();
        return l.result;
    }

    /** Sends what is due. */
    void poll(long nowMs) {
        expire(nowMs);
        Endpoint coordinator = membership.coordinator().endpoint().orElse(null);
        if (coordinator == null) {
            return;
        }
        Commit next = commits.peek();
        if (!commitInFlight && next != null && nowMs >= next.retryAtMs) {
            sendCommit(coordinator, next);
        }
        for (Lookup l : List.copyOf(lookups)) {
            if (!l.inFlight && nowMs >= l.retryAtMs) {
                sendLookup(coordinator, l);
            }
        }
    }

    private void expire(long nowMs) {
        while (!commitInFlight && !commits.isEmpty() && commits.peek().deadlineMs <= nowMs) {
            Commit c = commits.poll();
            finish(c, new TimeoutException("Offset commit of group " + groupId + " did not complete within its "
                    + "timeout (" + c.attempts + " attempts)"));
        }
        lookups.removeIf(l -> {
            if (!l.inFlight && l.deadlineMs <= nowMs) {
                l.result.completeExceptionally(new TimeoutException("Committed offsets of group " + groupId
                        + " could not be read within the timeout (" + l.attempts + " attempts)"));
                return true;
            }
            return false;
        });
    }

    private void sendCommit(Endpoint coordinator, Commit c) {
        int generation = -1;
        String memberId = "";
        if (c.groupManaged) {
            if (!membership.hasGeneration()) {
                commits.poll();
                finish(c, new CommitFailedException("Cannot commit offsets of group " + groupId + ": the member is "
                        + "not part of an active generation (the group is rebalancing or the member was removed); "
                        + "the partitions may be reassigned", null));
                return;
            }
            generation = membership.groupMetadata().generationId();
            memberId = membership.groupMetadata().memberId();
        }
        commitInFlight = true;
        c.attempts++;
        sender.<OffsetCommitResponse>send(coordinator, OffsetRequests.offsetCommit(groupId, generation, memberId,
                        c.groupManaged ? settings.groupInstanceId() : java.util.Optional.empty(), c.offsets))
                .whenComplete((response, error) -> {
                    commitInFlight = false;
                    long nowMs = time.monotonicMs();
                    if (error != null) {
                        membership.coordinator().unknown("OffsetCommit failed: " + Futures.unwrap(error));
                        c.retryAtMs = nowMs + settings.retryBackoff().backoffMs(c.attempts - 1);
                        return;
                    }
                    onCommitAnswer(c, OffsetRequests.offsetCommitErrors(response), nowMs);
                });
    }

    private void onCommitAnswer(Commit c, Map<TopicPartition, Errors> errors, long nowMs) {
        Errors first = Errors.NONE;
        TopicPartition where = null;
        for (Map.Entry<TopicPartition, Errors> e : errors.entrySet()) {
            if (e.getValue() != Errors.NONE) {
                first = e.getValue();
                where = e.getKey();
                break;
            }
        }
        if (first == Errors.NONE) {
            commits.poll();
            finish(c, null);
            return;
        }
        if (COORDINATOR_GONE.contains(first) || first == Errors.COORDINATOR_LOAD_IN_PROGRESS) {
            if (first != Errors.COORDINATOR_LOAD_IN_PROGRESS) {
                membership.coordinator().unknown("OffsetCommit answered " + first);
            }
            c.retryAtMs = nowMs + settings.retryBackoff().backoffMs(c.attempts - 1);
            return;
        }
        commits.poll();
        if (FENCED.contains(first)) {
            if (first != Errors.REBALANCE_IN_PROGRESS) {
                membership.fencedByCommit(first, nowMs);
            }
            finish(c, new CommitFailedException("Offset commit of group " + groupId + " rejected with " + first
                    + ": the member is no longer part of the generation it committed in (a rebalance happened, "
                    + "for instance after max.poll.interval.ms passed between polls); its partitions may now "
                    + "belong to another member", first.exception()));
            return;
        }
        finish(c, first.exception("Offset commit of group " + groupId + " failed for " + where + ": " + first));
    }

    private void finish(Commit c, BrookException error) {
        listener.committed(c.offsets, error, time.monotonicMs() - c.startedMs);
        if (error == null) {
            c.result.complete(null);
        } else {
            log.debug("[{}] {}", settings.clientId(), error.getMessage());
            c.result.completeExceptionally(error);
        }
    }

    private void sendLookup(Endpoint coordinator, Lookup l) {
        l.inFlight = true;
        l.attempts++;
        sender.<OffsetFetchResponse>send(coordinator, OffsetRequests.offsetFetch(groupId, l.partitions))
                .whenComplete((response, error) -> {
                    l.inFlight = false;
                    long nowMs = time.monotonicMs();
                    if (error != null) {
                        membership.coordinator().unknown("OffsetFetch failed: " + Futures.unwrap(error));
                        l.retryAtMs = nowMs + settings.retryBackoff().backoffMs(l.attempts - 1);
                        return;
                    }
                    onLookupAnswer(l, OffsetRequests.offsetFetchResult(response), nowMs);
                });
    }

    private void onLookupAnswer(Lookup l, OffsetRequests.Fetched fetched, long nowMs) {
        Errors error = fetched.groupError();
        for (OffsetRequests.Committed c : fetched.partitions().values()) {
            if (error == Errors.NONE && c.error() != Errors.NONE && c.error() != Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                error = c.error();
            }
        }
        if (error == Errors.NONE) {
            lookups.remove(l);
            l.result.complete(fetched.partitions());
            return;
        }
        if (COORDINATOR_GONE.contains(error) || error == Errors.COORDINATOR_LOAD_IN_PROGRESS
                || error == Errors.UNSTABLE_OFFSET_COMMIT || error.isRetriable()) {
            if (COORDINATOR_GONE.contains(error)) {
                membership.coordinator().unknown("OffsetFetch answered " + error);
            }
            l.retryAtMs = nowMs + settings.retryBackoff().backoffMs(l.attempts - 1);
            return;
        }
        lookups.remove(l);
        l.result.completeExceptionally(error.exception("Reading the committed offsets of group " + groupId
                + " failed: " + error));
    }

    /** The earliest time {@link #poll} may have something to send or expire. */
    long nextDeadlineMs() {
        long next = Long.MAX_VALUE;
        Commit c = commits.peek();
        if (c != null && !commitInFlight) {
            next = Math.min(next, Math.min(c.retryAtMs, c.deadlineMs));
        }
        for (Lookup l : lookups) {
            if (!l.inFlight) {
                next = Math.min(next, Math.min(l.retryAtMs, l.deadlineMs));
            }
        }
        return next;
    }

    /** Whether a commit is queued or in flight. */
    boolean hasPendingCommits() {
        return !commits.isEmpty();
    }

    /** Fails everything pending (on close). */
    void failAll(BrookException error) {
        commits.forEach(c -> c.result.completeExceptionally(error));
        commits.clear();
        lookups.forEach(l -> l.result.completeExceptionally(error));
        lookups.clear();
    }
}
