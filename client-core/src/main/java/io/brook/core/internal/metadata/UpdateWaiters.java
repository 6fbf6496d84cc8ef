package io.brook.core.internal.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The callers waiting for a metadata refresh, in two groups: those the next successful answer serves (the
 * attempt in flight, or the next one if none is in flight or the one in flight fails), and those that need an
 * attempt sent after they asked, while another was already in flight.
 *
 * <p>Not thread-safe: owned by {@link RefreshSchedule}, guarded by {@link MetadataManager}'s lock. Completing the
 * futures is the manager's job, outside the lock.
 */
final class UpdateWaiters {
    private List<CompletableFuture<ClusterSnapshot>> current = new ArrayList<>();
    private List<CompletableFuture<ClusterSnapshot>> upcoming = new ArrayList<>();

    /** Adds a waiter served by the next successful answer. */
    void addCurrent(CompletableFuture<ClusterSnapshot> waiter) {
        prune();
        current.add(waiter);
    }

    /** Adds a waiter served only by an attempt started after the one in flight. */
    void addUpcoming(CompletableFuture<ClusterSnapshot> waiter) {
        prune();
        upcoming.add(waiter);
    }

    boolean hasUpcoming() {
        return !upcoming.isEmpty();
    }

    /** An attempt starts: everyone waiting is now served by it. */
    void attemptStarted() {
        current.addAll(upcoming);
        upcoming = new ArrayList<>();
    }

    /** Removes and returns the waiters the answer of the attempt serves. */
    List<CompletableFuture<ClusterSnapshot>> takeCurrent() {
        List<CompletableFuture<ClusterSnapshot>> taken = current;
        current = new ArrayList<>();
        return taken;
    }

    /** Removes and returns every waiter. */
    List<CompletableFuture<ClusterSnapshot>> takeAll() {
        List<CompletableFuture<ClusterSnapshot>> taken = takeCurrent();
        taken.addAll(upcoming);
        upcoming = new ArrayList<>();
        return taken;
    }

    /** Callers that gave up (timed out, cancelled) leave completed futures behind; drop them. */
    private void prune() {
        current.removeIf(CompletableFuture::isDone);
        upcoming.removeIf(CompletableFuture::isDone);
    }
}
