package io.brook.core.internal.metadata;

import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.core.internal.network.Endpoint;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap and re-bootstrap policy: which endpoint a metadata refresh asks, and which broker a client request
 * that any broker can answer goes to. A refresh asks the bootstrap endpoints until a first answer names the
 * brokers, then those brokers; client requests go to those brokers only. Both prefer the endpoint that has not
 * failed, or failed longest ago ({@link NodeChooser}), and client requests report their failures here too.
 *
 * <p>With {@link MetadataRecoveryStrategy#REBOOTSTRAP} it goes back to the bootstrap names, to be resolved again,
 * when every known broker failed since the last answer (in refreshes or client requests), when refreshes kept
 * failing for the trigger time, when every bootstrap endpoint failed since they were resolved, or when told to
 * ({@link #rebootstrap}). Until the next answer client requests then have no broker to go to.
 *
 * <p>Not thread-safe: guarded by {@link MetadataManager}'s lock.
 */
final class RefreshTargets {
    private static final Logger log = LoggerFactory.getLogger(RefreshTargets.class);

    private final String clientId;
    private final MetadataRecoveryStrategy strategy;
    private final long rebootstrapTriggerMs;
    private final NodeChooser nodes = new NodeChooser();
    /** Resolved bootstrap endpoints, or null until (re-)resolved. */
    private List<Endpoint> bootstrap;
    private long bootstrapResolvedMs = Long.MIN_VALUE;
    private boolean useBootstrap = true;
    private long lastSuccessMs = Long.MIN_VALUE;
    /** When refreshes started failing, or -1 while they succeed. */
    private long failingSinceMs = -1;
    /** When going back to the bootstrap names was last logged at INFO; -1 since the last answer. */
    private long loudLogMs = -1;
    /** How often an unreachable cluster is reported again at INFO. */
    static final long REMINDER_MS = 300_000L;

    RefreshTargets(String clientId, MetadataRecoveryStrategy strategy, long rebootstrapTriggerMs) {
        this.clientId = clientId;
        this.strategy = strategy;
        this.rebootstrapTriggerMs = rebootstrapTriggerMs;
    }

    /**
     * Picks the endpoint for an attempt starting now, re-bootstrapping first if the strategy says so.
     *
     * @param brokers the brokers of the current snapshot
     * @return the endpoint, or null if the bootstrap names must be resolved first ({@link #bootstrapResolved})
     */
    Endpoint choose(List<Endpoint> brokers, long nowMs) {
        maybeRebootstrap(brokers, nowMs);
        if (useBootstrap) {
            return bootstrap == null ? null : nodes.choose(bootstrap);
        }
        return nodes.choose(brokers);
    }

    /**
     * Picks the broker for a client request any broker can answer, re-bootstrapping first if the strategy says so.
     *
     * @param brokers the brokers of the current snapshot
     * @return the broker, or null while there is none to offer: before the first answer, and after the client
     *     went back to the bootstrap endpoints (which only refreshes ask) until the next answer
     */
    Endpoint chooseBroker(List<Endpoint> brokers, long nowMs) {
        maybeRebootstrap(brokers, nowMs);
        return useBootstrap || brokers.isEmpty() ? null : nodes.choose(brokers);
    }

    /** A client request to {@code broker} got no answer: it is chosen last until it answers again. */
    void brokerFailed(Endpoint broker, long nowMs) {
        nodes.recordFailure(broker, nowMs);
    }

    /** {@code broker} answered a client request. */
    void brokerAnswered(Endpoint broker) {
        nodes.recordSuccess(broker);
    }

    /** The bootstrap names resolved to {@code endpoints} (non-empty); returns the one to ask. */
    Endpoint bootstrapResolved(List<Endpoint> endpoints, long nowMs) {
        bootstrap = List.copyOf(endpoints);
        bootstrapResolvedMs = nowMs;
        return nodes.choose(bootstrap);
    }

    /**
     * Forgets the resolved bootstrap endpoints and asks them again from the next attempt on. Logged at INFO the
     * first time after an answer and then at most every {@link #REMINDER_MS}, at DEBUG otherwise: an unreachable
     * cluster must not flood the log (each connection logs its own failure, with address and cause, once).
     */
    void rebootstrap(String reason, long nowMs) {
        if (loudLogMs < 0 || nowMs - loudLogMs >= REMINDER_MS) {
            log.info("[{}] Going back to bootstrap.servers{}: {}", clientId,
                    loudLogMs < 0 ? "" : " (still no metadata answer)", reason);
            loudLogMs = nowMs;
        } else {
            log.debug("[{}] Going back to bootstrap.servers: {}", clientId, reason);
        }
        useBootstrap = true;
        bootstrap = null;
    }

    /** {@code target} answered; from now on the brokers of the answer are asked. */
    void succeeded(Endpoint target, List<Endpoint> brokers, long nowMs) {
        nodes.recordSuccess(target);
        nodes.retainOnly(brokers, bootstrap == null ? List.of() : bootstrap);
        useBootstrap = false;
        lastSuccessMs = nowMs;
        failingSinceMs = -1;
        loudLogMs = -1;
    }

    /** An attempt failed, at {@code target} or (if null) before sending. */
    void failed(Endpoint target, long nowMs) {
        if (target != null) {
            nodes.recordFailure(target, nowMs);
        }
        if (failingSinceMs < 0) {
            failingSinceMs = nowMs;
        }
    }

    private void maybeRebootstrap(List<Endpoint> brokers, long nowMs) {
        if (strategy != MetadataRecoveryStrategy.REBOOTSTRAP) {
            return;
        }
        if (useBootstrap) {
            if (bootstrap != null && nodes.allFailedSince(bootstrap, bootstrapResolvedMs)) {
                rebootstrap("every bootstrap endpoint failed", nowMs);
            }
        } else if (nodes.allFailedSince(brokers, lastSuccessMs)) {
            rebootstrap("every known broker failed since the last metadata answer", nowMs);
        } else if (failingSinceMs >= 0 && nowMs - failingSinceMs >= rebootstrapTriggerMs) {
            rebootstrap("no metadata answer for " + (nowMs - failingSinceMs) + " ms", nowMs);
            failingSinceMs = nowMs;
        }
    }
}
