package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.consumer.PollIntervalExceededException;
import io.brook.consumer.RebalanceListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the group's {@link RebalanceStep}s on the polling thread, inside poll (or close, unsubscribe): before a
 * revocation it commits the consumed positions when {@code enable.auto.commit} is on, then calls the rebalance
 * listener, updates the assignment, and hands the step back to the group state machine. A listener that throws
 * does not stop the rebalance: the step completes, then the exception is rethrown to the caller of poll.
 *
 * <p>{@link #offer} is called from the background thread; everything else on the polling thread.
 */
final class RebalanceRunner {
    private static final Logger log = LoggerFactory.getLogger(RebalanceRunner.class);

    /** What a step needs from the consumer. */
    interface Host {
        /** Commits every consumed position, waiting; called before revoking with auto-commit on. */
        void commitBeforeRevoke();

        /** Hands a finished step back to the group state machine. */
        void stepDone(RebalanceStep step);
    }

    private final String clientId;
    private final SubscriptionState subscriptions;
    private final ConsumerObserver observer;
    private final boolean autoCommit;
    private final ConcurrentLinkedQueue<RebalanceStep> pending = new ConcurrentLinkedQueue<>();

    RebalanceRunner(String clientId, SubscriptionState subscriptions, ConsumerObserver observer, boolean autoCommit) {
        this.clientId = clientId;
        this.subscriptions = subscriptions;
        this.observer = observer;
        this.autoCommit = autoCommit;
    }

    /** Background thread: a step for the next poll. */
    void offer(RebalanceStep step) {
        pending.add(step);
        subscriptions.signal().signal();
    }

    /** The sink the group state machine emits steps into. */
    Consumer<RebalanceStep> sink() {
        return this::offer;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Drops steps not run yet (unsubscribe, close: the caller revokes everything itself). */
    void clear() {
        pending.clear();
    }

    /**
     * Runs every pending step.
     *
     * @throws RuntimeException what a listener threw, after its step completed
     * @throws PollIntervalExceededException after a step that reports a poll timeout
     */
    void runPending(Host host) {
        RuntimeException thrown = null;
        boolean pollTimeout = false;
        List<RebalanceStep> steps = new ArrayList<>();
        RebalanceStep next;
        while ((next = pending.poll()) != null) {
            if (next.pollTimeout()) {
                // The member already left: the steps before it are moot, it gives up everything it holds.
                steps.forEach(host::stepDone);
                steps.clear();
            }
            steps.add(next);
        }
        for (RebalanceStep step : steps) {
            try {
                run(step, host);
            } catch (RuntimeException e) {
                if (thrown == null) {
                    thrown = e;
                } else {
                    thrown.addSuppressed(e);
                }
            }
            pollTimeout |= step.pollTimeout();
        }
        if (pollTimeout) {
            PollIntervalExceededException e = new PollIntervalExceededException("The consumer did not poll within "
                    + "max.poll.interval.ms, so it left its group and its partitions were given to other members; "
                    + "the next poll rejoins the group (process records faster, poll more often, or raise "
                    + "max.poll.interval.ms or lower max.poll.records)");
            if (thrown != null) {
                e.addSuppressed(thrown);
            }
            throw e;
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    private void run(RebalanceStep step, Host host) {
        RebalanceListener listener = subscriptions.listener();
        Set<TopicPartition> partitions = step.partitions();
        RuntimeException thrown = null;
        try {
            switch (step.kind()) {
                case REVOKE -> {
                    if (autoCommit && !partitions.isEmpty()) {
                        commitQuietly(host);
                    }
                    log.info("[{}] Revoking partitions {}", clientId, new TreeSet<>(partitions));
                    thrown = call(() -> listener.onPartitionsRevoked(partitions));
                    subscriptions.remove(partitions);
                }
                case LOST -> {
                    Set<TopicPartition> lost = step.pollTimeout() ? subscriptions.assignment() : partitions;
                    log.info("[{}] Lost partitions {}", clientId, new TreeSet<>(lost));
                    if (!lost.isEmpty()) {
                        thrown = call(() -> listener.onPartitionsLost(lost));
                    }
                    subscriptions.remove(lost);
                }
                case ASSIGN -> {
                    warnUnsubscribed(partitions);
                    subscriptions.addFromGroup(partitions);
                    observer.assigned(partitions);
                    log.info("[{}] Assigned partitions {}", clientId, new TreeSet<>(partitions));
                    thrown = call(() -> listener.onPartitionsAssigned(partitions));
                    subscriptions.assignedCallbackDone(partitions);
                }
            }
        } finally {
            host.stepDone(step);
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    private void commitQuietly(Host host) {
        try {
            host.commitBeforeRevoke();
        } catch (BrookException e) {
            log.warn("[{}] Committing before revoking partitions failed: {}", clientId, e.toString());
        }
    }

    private void warnUnsubscribed(Set<TopicPartition> partitions) {
        Set<String> subscribed = subscriptions.subscribedTopics();
        Set<String> foreign = new TreeSet<>();
        Set<TopicPartition> theirs = new TreeSet<>();
        for (TopicPartition tp : partitions) {
            if (!subscribed.contains(tp.topic())) {
                foreign.add(tp.topic());
                theirs.add(tp);
            }
        }
        if (!foreign.isEmpty()) {
            log.warn("[{}] The group assigned partitions {} of topics {} this consumer does not subscribe to",
                    clientId, theirs, foreign);
            observer.unsubscribedTopics(foreign, theirs);
        }
    }

    private static RuntimeException call(Runnable callback) {
        try {
            callback.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
