package io.brook.core.internal.metadata;

import io.brook.core.internal.network.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks which endpoint to ask for metadata: one that has not failed, else the one that failed longest ago, so a
 * broken broker is not asked again while others may answer. Rotates among equally good endpoints to spread the
 * load.
 *
 * <p>Not thread-safe: owned by {@link RefreshTargets}, guarded by {@link MetadataManager}'s lock.
 */
final class NodeChooser {
    private final Map<Endpoint, Long> lastFailureMs = new HashMap<>();
    private int rotation;

    void recordFailure(Endpoint endpoint, long nowMs) {
        lastFailureMs.put(endpoint, nowMs);
    }

    void recordSuccess(Endpoint endpoint) {
        lastFailureMs.remove(endpoint);
    }

    /**
     * @param candidates non-empty
     * @return a never-failed candidate if any (rotating among them), else the least recently failed one
     */
    Endpoint choose(List<Endpoint> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        int start = Math.floorMod(rotation++, candidates.size());
        Endpoint best = null;
        long bestFailure = Long.MAX_VALUE;
        for (int i = 0; i < candidates.size(); i++) {
            Endpoint e = candidates.get((start + i) % candidates.size());
            long failure = lastFailureMs.getOrDefault(e, Long.MIN_VALUE);
            if (best == null || failure < bestFailure) {
                best = e;
                bestFailure = failure;
            }
        }
        return best;
    }

    /** Whether every candidate has failed at or after {@code sinceMs}. False for no candidates. */
    boolean allFailedSince(List<Endpoint> candidates, long sinceMs) {
        if (candidates.isEmpty()) {
            return false;
        }
        for (Endpoint e : candidates) {
            Long failure = lastFailureMs.get(e);
            if (failure == null || failure < sinceMs) {
                return false;
            }
        }
        return true;
    }

    /** Forgets endpoints that are no longer candidates, so the map does not grow with cluster churn. */
    void retainOnly(List<Endpoint> brokers, List<Endpoint> bootstrap) {
        lastFailureMs.keySet().removeIf(e -> !brokers.contains(e) && !bootstrap.contains(e));
    }
}
