package io.brook.core.internal.metadata;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What {@link MetadataManager} does after unlocking when an attempt step ends: complete or fail waiters, tell
 * the listeners about a new snapshot, then run the next action. Immutable.
 *
 * @param applied the new snapshot, or null if none was applied
 * @param completed waiters to complete with {@code applied}
 * @param failed waiters to fail with {@code error}
 * @param error the failure, or null
 * @param next the next action (e.g. sending a request), or null
 */
record RefreshOutcome(ClusterSnapshot applied, List<CompletableFuture<ClusterSnapshot>> completed,
        List<CompletableFuture<ClusterSnapshot>> failed, Throwable error, Runnable next) {

    /** Nothing to complete: only the next action. */
    static RefreshOutcome next(Runnable next) {
        return new RefreshOutcome(null, List.of(), List.of(), null, next);
    }

    /** Performs the outcome; {@code listeners} receives {@code applied} if there is one. */
    void finish(Consumer<ClusterSnapshot> listeners) {
        completed.forEach(f -> f.complete(applied));
        failed.forEach(f -> f.completeExceptionally(error));
        if (applied != null) {
            listeners.accept(applied);
        }
        if (next != null) {
            next.run();
        }
    }
}
