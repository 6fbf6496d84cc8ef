package io.brook.consumer.internal;

import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.util.ExponentialBackoff;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which broker coordinates the group, and the FindCoordinator lookup when nobody knows: one lookup at a time,
 * retried after an exponential backoff when it fails. Part of {@link GroupMembership}'s state machine; confined to
 * the consumer's background thread.
 */
final class CoordinatorState {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorState.class);

    private final String clientId;
    private final String groupId;
    private final ExponentialBackoff backoff;
    private final long requestTimeoutMs;
    private Endpoint coordinator;
    /** The last coordinator found, to log only real moves. */
    private Endpoint lastFound;
    private boolean lookupInFlight;
    private long retryAtMs;
    private int failures;
    private boolean wanted;

    CoordinatorState(String clientId, String groupId, ExponentialBackoff backoff, long requestTimeoutMs) {
        this.clientId = clientId;
        this.groupId = groupId;
        this.backoff = backoff;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    Optional<Endpoint> endpoint() {
        return Optional.ofNullable(coordinator);
    }

    boolean isKnown() {
        return coordinator != null;
    }

    /** Something needs the coordinator (membership, a commit, an offset lookup): look it up if unknown. */
    void want() {
        wanted = true;
    }

    /**
     * A FindCoordinator request if the coordinator is wanted, unknown, and no lookup is in flight or backing off.
     */
    GroupRequest lookupIfNeeded(long nowMs) {
        if (!wanted || coordinator != null || lookupInFlight || nowMs < retryAtMs) {
            return null;
        }
        lookupInFlight = true;
        return new GroupRequest(GroupRequest.Kind.FIND_COORDINATOR, null, GroupRequests.findCoordinator(groupId),
                requestTimeoutMs, -1);
    }

    void found(Endpoint endpoint) {
        lookupInFlight = false;
        failures = 0;
        if (!endpoint.equals(lastFound)) {
            log.info("[{}] Group {}: coordinator is {}", clientId, groupId, endpoint);
        } else {
            log.debug("[{}] Group {}: coordinator is still {}", clientId, groupId, endpoint);
        }
        coordinator = endpoint;
        lastFound = endpoint;
    }

    void lookupFailed(long nowMs, String why) {
        lookupInFlight = false;
        retryAtMs = nowMs + backoff.backoffMs(failures++);
        log.debug("[{}] Group {}: coordinator lookup failed ({}); retrying in {} ms", clientId, groupId, why,
                retryAtMs - nowMs);
    }

    /** The coordinator did not answer or said it no longer is one: look it up again. */
    void unknown(String why) {
        if (coordinator != null) {
            log.debug("[{}] Group {}: coordinator {} unavailable ({}); looking it up again", clientId, groupId,
                    coordinator, why);
        }
        coordinator = null;
    }

    /** When the next lookup may go out, if one is waiting. */
    long nextLookupMs() {
        return wanted && coordinator == null && !lookupInFlight ? retryAtMs : Long.MAX_VALUE;
    }
}
