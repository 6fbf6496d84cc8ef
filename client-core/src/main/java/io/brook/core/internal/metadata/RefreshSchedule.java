package io.brook.core.internal.metadata;

import io.brook.core.internal.util.ExponentialBackoff;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * When the next metadata refresh attempt is due, and whom its answer serves: the wish for a refresh (one that joins
 * the attempt in flight, or a fresh one that waits for the attempt after it), the attempt in flight, the callers
 * waiting ({@link UpdateWaiters}) and the pace of attempts ({@link RefreshBackoff}). Logic only, on injected time:
 * the manager starts the attempts this says are due and reports how each ends.
 *
 * <p>Not thread-safe: guarded by {@link MetadataManager}'s lock. Completing the futures it hands back is the
 * manager's job, outside the lock.
 */
final class RefreshSchedule {
    private final UpdateWaiters waiters = new UpdateWaiters();
    private final RefreshBackoff backoff;
    private final long maxAgeMs;
    /** The topics the attempt in flight asks about, or null. */
    private WantedTopics inFlight;
    private boolean started;
    /** Someone wants a refresh that has not been sent yet. */
    private boolean refreshWanted;
    /** A fresh refresh was wished for while an attempt was in flight: another follows that attempt. */
    private boolean freshAfterInFlight;

    RefreshSchedule(ExponentialBackoff retryBackoff, long maxAgeMs) {
        this.backoff = new RefreshBackoff(retryBackoff);
        this.maxAgeMs = maxAgeMs;
    }

    /** Attempts may be due from now on; until then none is. */
    void start() {
        started = true;
    }

    /**
     * Registers a wish for a refresh and its waiter, if any, and starts the schedule. A non-fresh wish joins the
     * attempt in flight; a fresh one made while an attempt is in flight waits for the attempt after it.
     *
     * @param waiter completed with the snapshot of the attempt that serves it, or null
     */
    void request(boolean fresh, CompletableFuture<ClusterSnapshot> waiter) {
        started = true;
        if (inFlight != null && fresh) {
            freshAfterInFlight = true;
            if (waiter != null) {
                waiters.addUpcoming(waiter);
            }
        } else {
            if (inFlight == null) {
                refreshWanted = true;
            }
            if (waiter != null) {
                waiters.addCurrent(waiter);
            }
        }
    }

    /** Whether an attempt may be scheduled now: started, and none in flight. */
    boolean idle() {
        return started && inFlight == null;
    }

    /**
     * When the next attempt is due (monotonic ms; only meaningful when {@link #idle()}): as soon as the backoff
     * allows if a refresh is wished for or nothing is known yet, else once {@code current} is
     * {@code metadata.max.age.ms} old, and never before the backoff allows.
     */
    long dueMs(long nowMs, ClusterSnapshot current) {
        boolean wished = refreshWanted || waiters.hasUpcoming() || current.isEmpty();
        long earliestMs = wished ? nowMs : RefreshTimer.saturatedAdd(current.updatedAtMs(), maxAgeMs);
        return Math.max(earliestMs, backoff.nextAllowedMs());
    }

    /** An attempt asking about {@code topics} starts: every wish and waiter so far is served by it. */
    void attemptStarted(WantedTopics topics) {
        refreshWanted = false;
        freshAfterInFlight = false;
        waiters.attemptStarted();
        inFlight = topics;
    }

    /** The topics the attempt in flight asks about, or null if none is in flight. */
    WantedTopics inFlight() {
        return inFlight;
    }

    /**
     * The attempt in flight was answered at {@code nowMs}; {@code incomplete} if the answer left something to ask
     * again (which is then wished for at once, like a fresh refresh wished for while the attempt was in flight).
     *
     * @return the waiters the answer serves, removed
     */
    List<CompletableFuture<ClusterSnapshot>> answered(long nowMs, boolean incomplete) {
        inFlight = null;
        backoff.answered(nowMs, incomplete);
        refreshWanted = incomplete || freshAfterInFlight;
        freshAfterInFlight = false;
        return waiters.takeCurrent();
    }

    /**
     * The attempt in flight failed at {@code nowMs}; another is wished for, after the backoff.
     *
     * @param retriable whether the waiters of the attempt wait for the retry
     * @return the waiters to fail, removed: none if {@code retriable}
     */
    List<CompletableFuture<ClusterSnapshot>> failed(long nowMs, boolean retriable) {
        inFlight = null;
        backoff.failed(nowMs);
        refreshWanted = true;
        freshAfterInFlight = false;
        return retriable ? List.of() : waiters.takeCurrent();
    }

    /** Removes and returns every waiter, for close. */
    List<CompletableFuture<ClusterSnapshot>> takeAll() {
        return waiters.takeAll();
    }

    /** Consecutive failed attempts since the last answer. */
    int failedAttempts() {
        return backoff.failedAttempts();
    }

    /** No attempt starts before this (monotonic ms). */
    long nextAllowedMs() {
        return backoff.nextAllowedMs();
    }
}
