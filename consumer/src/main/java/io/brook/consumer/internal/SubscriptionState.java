package io.brook.consumer.internal;

import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.config.IsolationLevel;
import io.brook.consumer.RebalanceListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * What the consumer consumes: its subscription (topics, a pattern, or partitions assigned by hand), its assigned
 * partitions and each one's {@link PartitionState}.
 *
 * <p>Thread-safe: every field, and every {@link PartitionState} it holds, is guarded by {@link #lock()}. The
 * polling thread changes the subscription and positions (subscribe, assign, seek, records handed out); the
 * background thread reads positions to fetch and commit and writes what lookups and fetches learn. Methods whose
 * name ends in {@code Locked} must be called with the lock held; the others take it. Every change that may let a
 * waiting thread progress calls {@link Signal#signal()}.
 */
final class SubscriptionState {
    /** How partitions are chosen. */
    enum Mode { NONE, TOPICS, PATTERN, USER_ASSIGNED }

    private final ReentrantLock lock = new ReentrantLock();
    private final ResetStrategy defaultReset;
    private final boolean hasGroup;
    private final IsolationLevel isolationLevel;
    private final Signal signal;

    // Guarded by lock.
    private Mode mode = Mode.NONE;
    private Set<String> topics = Set.of();
    private Pattern pattern;
    private RebalanceListener listener = RebalanceListener.NONE;
    private final Map<TopicPartition, PartitionState> assigned = new LinkedHashMap<>();
    /** Bumped when the subscription (topics or pattern) changes, so the group knows to rejoin. */
    private int subscriptionVersion;

    /**
     * @param defaultReset {@code auto.offset.reset}
     * @param hasGroup whether {@code group.id} is set: new partitions then start from the committed offset
     * @param signal woken on every change a waiting thread may care about
     */
    SubscriptionState(ResetStrategy defaultReset, boolean hasGroup, IsolationLevel isolationLevel, Signal signal) {
        this.defaultReset = Objects.requireNonNull(defaultReset, "defaultReset");
        this.hasGroup = hasGroup;
        this.isolationLevel = Objects.requireNonNull(isolationLevel, "isolationLevel");
        this.signal = Objects.requireNonNull(signal, "signal");
    }

    ReentrantLock lock() {
        return lock;
    }

    ResetStrategy defaultReset() {
        return defaultReset;
    }

    // ---- subscription (polling thread) ---------------------------------------------------------------------

    /**
     * Subscribes to {@code newTopics}.
     *
     * @return whether the topic set changed
     * @throws IllegalStateException if partitions were assigned by hand
     */
    boolean subscribe(Set<String> newTopics, RebalanceListener newListener) {
        lock.lock();
        try {
            checkNotMixed(Mode.TOPICS);
            boolean changed = mode != Mode.TOPICS || !topics.equals(newTopics);
            mode = Mode.TOPICS;
            topics = Set.copyOf(newTopics);
            pattern = null;
            listener = newListener;
            if (changed) {
                subscriptionVersion++;
            }
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /** Subscribes to every topic matching {@code newPattern}; the matching topics are set by {@link #matched}. */
    void subscribe(Pattern newPattern, RebalanceListener newListener) {
        lock.lock();
        try {
            checkNotMixed(Mode.PATTERN);
            boolean changed = mode != Mode.PATTERN || !pattern.pattern().equals(newPattern.pattern());
            mode = Mode.PATTERN;
            pattern = newPattern;
            listener = newListener;
            if (changed) {
                topics = Set.of();
                subscriptionVersion++;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the topics a pattern subscription matches now (from the background thread, after a metadata refresh).
     *
     * @return whether they changed
     */
    boolean matched(Set<String> matchingTopics) {
        lock.lock();
        try {
            if (mode != Mode.PATTERN || topics.equals(matchingTopics)) {
                return false;
            }
            topics = Set.copyOf(matchingTopics);
            subscriptionVersion++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Assigns {@code partitions} by hand, replacing the previous assignment; partitions kept keep their position.
     *
     * @throws IllegalStateException if the consumer subscribed to topics or a pattern
     */
    void assignFromUser(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            checkNotMixed(Mode.USER_ASSIGNED);
            mode = partitions.isEmpty() ? Mode.NONE : Mode.USER_ASSIGNED;
            assigned.keySet().retainAll(new HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                assigned.computeIfAbsent(tp, this::newPartition);
            }
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the subscription and every assigned partition. */
    void unsubscribe() {
        lock.lock();
        try {
            mode = Mode.NONE;
            topics = Set.of();
            pattern = null;
            listener = RebalanceListener.NONE;
            assigned.clear();
            subscriptionVersion++;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    private void checkNotMixed(Mode wanted) {
        boolean group = wanted == Mode.TOPICS || wanted == Mode.PATTERN;
        if ((group && mode == Mode.USER_ASSIGNED) || (wanted == Mode.USER_ASSIGNED
                && (mode == Mode.TOPICS || mode == Mode.PATTERN))) {
            throw new IllegalStateException("subscribe() and assign() cannot be mixed: the consumer "
                    + (mode == Mode.USER_ASSIGNED ? "was assigned partitions by hand" : "is subscribed to "
                    + (mode == Mode.PATTERN ? "a pattern" : "topics")) + "; call unsubscribe() first");
        }
    }

    Mode mode() {
        lock.lock();
        try {
            return mode;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the group assigns the partitions (topics or pattern subscription). */
    boolean isGroupSubscription() {
        Mode m = mode();
        return m == Mode.TOPICS || m == Mode.PATTERN;
    }

    /** The subscribed topics (for a pattern, those it matches now). */
    Set<String> subscribedTopics() {
        lock.lock();
        try {
            return topics;
        } finally {
            lock.unlock();
        }
    }

    Pattern pattern() {
        lock.lock();
        try {
            return pattern;
        } finally {
            lock.unlock();
        }
    }

    int subscriptionVersion() {
        lock.lock();
        try {
            return subscriptionVersion;
        } finally {
            lock.unlock();
        }
    }

    RebalanceListener listener() {
        lock.lock();
        try {
            return listener;
        } finally {
            lock.unlock();
        }
    }

    // ---- group assignment (applied on the polling thread) ---------------------------------------------------

    /** Adds partitions the group assigned; they wait for onPartitionsAssigned before anything else happens. */
    void addFromGroup(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            for (TopicPartition tp : partitions) {
                assigned.computeIfAbsent(tp, this::newPartition).awaitingCallback = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** onPartitionsAssigned returned: the partitions may get positions and be fetched. */
    void assignedCallbackDone(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            for (TopicPartition tp : partitions) {
                PartitionState ps = assigned.get(tp);
                if (ps != null) {
                    ps.awaitingCallback = false;
                }
            }
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Removes revoked or lost partitions. */
    void remove(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            for (TopicPartition tp : partitions) {
                assigned.remove(tp);
            }
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    private PartitionState newPartition(TopicPartition tp) {
        if (hasGroup) {
            return new PartitionState(tp, PartitionState.Phase.AWAIT_COMMITTED, defaultReset);
        }
        return new PartitionState(tp, PartitionState.Phase.AWAIT_RESET, defaultReset);
    }

    // ---- positions (polling thread) --------------------------------------------------------------------------

    Set<TopicPartition> assignment() {
        lock.lock();
        try {
            return Collections.unmodifiableSet(new LinkedHashSet<>(assigned.keySet()));
        } finally {
            lock.unlock();
        }
    }

    boolean isAssigned(TopicPartition tp) {
        lock.lock();
        try {
            return assigned.containsKey(tp);
        } finally {
            lock.unlock();
        }
    }

    /** Moves the position of {@code tp} to {@code offset}; the epoch, if known, is validated first. */
    void seek(TopicPartition tp, long offset, int leaderEpoch) {
        lock.lock();
        try {
            PartitionState ps = required(tp, "seek");
            ps.moveTo(offset, leaderEpoch, leaderEpoch >= 0 ? PartitionState.Phase.AWAIT_VALIDATION
                    : PartitionState.Phase.FETCHING);
            ps.nextLookupMs = 0L;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Makes the partitions look their position up again with {@code strategy}. */
    void requestReset(Collection<TopicPartition> partitions, ResetStrategy strategy) {
        lock.lock();
        try {
            for (TopicPartition tp : partitions) {
                required(tp, "reset the position of").reset(strategy);
            }
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    void pause(Collection<TopicPartition> partitions, boolean paused) {
        lock.lock();
        try {
            for (TopicPartition tp : partitions) {
                required(tp, paused ? "pause" : "resume").paused = paused;
            }
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    Set<TopicPartition> paused() {
        lock.lock();
        try {
            Set<TopicPartition> out = new LinkedHashSet<>();
            for (PartitionState ps : assigned.values()) {
                if (ps.paused) {
                    out.add(ps.tp);
                }
            }
            return Collections.unmodifiableSet(out);
        } finally {
            lock.unlock();
        }
    }

    /** The position if valid; empty while unknown. Throws the partition's error if it failed. */
    OptionalLong position(TopicPartition tp) {
        lock.lock();
        try {
            PartitionState ps = required(tp, "get the position of");
            if (ps.phase == PartitionState.Phase.FAILED) {
                throw ps.error;
            }
            return ps.hasValidPosition() ? OptionalLong.of(ps.position) : OptionalLong.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The offsets to commit for everything handed out: each partition with a valid position. */
    Map<TopicPartition, OffsetAndMetadata> consumedOffsets() {
        lock.lock();
        try {
            Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
            for (PartitionState ps : assigned.values()) {
                if (ps.hasValidPosition()) {
                    out.put(ps.tp, new OffsetAndMetadata(ps.position));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The leader epoch of the current position of {@code tp}, or -1. */
    int positionEpoch(TopicPartition tp) {
        lock.lock();
        try {
            PartitionState ps = assigned.get(tp);
            return ps != null && ps.hasValidPosition() ? ps.positionEpoch : -1;
        } finally {
            lock.unlock();
        }
    }

    /** High watermark (or LSO for read_committed) minus position, from the last fetch; empty before one. */
    OptionalLong lag(TopicPartition tp) {
        lock.lock();
        try {
            PartitionState ps = required(tp, "get the lag of");
            long end = isolationLevel == IsolationLevel.READ_COMMITTED ? ps.lastStableOffset : ps.highWatermark;
            if (!ps.hasValidPosition() || end < 0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(0L, end - ps.position));
        } finally {
            lock.unlock();
        }
    }

    /** The lag of {@code tp} for a gauge: NaN when unknown or not assigned. Never throws. */
    double lagGauge(TopicPartition tp) {
        lock.lock();
        try {
            PartitionState ps = assigned.get(tp);
            if (ps == null) {
                return Double.NaN;
            }
            long end = isolationLevel == IsolationLevel.READ_COMMITTED ? ps.lastStableOffset : ps.highWatermark;
            return !ps.hasValidPosition() || end < 0 ? Double.NaN : Math.max(0L, end - ps.position);
        } finally {
            lock.unlock();
        }
    }

    /** The partitions that failed (no position and no way to get one), with their errors; empty if none. */
    List<PartitionState> failedLocked() {
        List<PartitionState> out = new ArrayList<>(0);
        for (PartitionState ps : assigned.values()) {
            if (ps.phase == PartitionState.Phase.FAILED) {
                out.add(ps);
            }
        }
        return out;
    }

    // ---- shared access under the lock ----------------------------------------------------------------------

    /** The state of {@code tp}, or null if not assigned. Lock held. */
    PartitionState stateLocked(TopicPartition tp) {
        return assigned.get(tp);
    }

    /** Every assigned partition's state, in assignment order. Lock held; do not modify the collection. */
    Collection<PartitionState> assignedLocked() {
        return assigned.values();
    }

    /** The topics of the assigned partitions, sorted. */
    Set<String> assignedTopics() {
        lock.lock();
        try {
            Set<String> out = new TreeSet<>();
            for (TopicPartition tp : assigned.keySet()) {
                out.add(tp.topic());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private PartitionState required(TopicPartition tp, String action) {
        Objects.requireNonNull(tp, "partition");
        PartitionState ps = assigned.get(tp);
        if (ps == null) {
            throw new IllegalStateException("Cannot " + action + " partition " + tp + ": it is not assigned to "
                    + "this consumer (assigned: " + new TreeSet<>(assigned.keySet()) + ")");
        }
        return ps;
    }

    Signal signal() {
        return signal;
    }
}
