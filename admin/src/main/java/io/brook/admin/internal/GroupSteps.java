package io.brook.admin.internal;

import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.Step;
import io.brook.protocol.ApiMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The steps of calls that send one request per group (or transactional id) to its coordinator, in one round:
 * each answer settles its own key. Stateless.
 */
final class GroupSteps {
    private GroupSteps() {}

    /** One request per pending key, each to the coordinator of its key, for one round. */
    static List<CallRequest> toEachCoordinator(Collection<String> pending, Function<String, CoordinatorKey> key,
            Function<String, ApiMessage> body) {
        List<CallRequest> requests = new ArrayList<>(pending.size());
        for (String k : pending) {
            requests.add(CallRequest.toCoordinator(key.apply(k), body.apply(k)));
        }
        return requests;
    }

    /**
     * After the answer for {@code key} was applied: finished if every key settled; a retry if this key is still
     * pending (its answer left it out); else wait for the rest of the round.
     */
    static <K, R> Step<R> after(ResourceResults<K, ?> results, K key, String call, Supplier<Step<R>> whenSettled) {
        if (results.allSettled()) {
            return whenSettled.get();
        }
        if (results.isPending(key)) {
            return Step.retry(AdminErrors.waitingFor(call + ": the coordinator did not answer for " + key));
        }
        return Step.sendNext();
    }

    /**
     * A request for {@code key} that got no answer, or whose coordinator could not be found: a retriable error is
     * retried; a broker error (not authorized for the group, say) fails this key only; any other fails the call.
     */
    static <K, R> Step<R> onFailure(ResourceResults<K, ?> results, K key, String call, Throwable error,
            Supplier<Step<R>> whenSettled) {
        if (CallHandler.isRetriable(error)) {
            return Step.retry(error);
        }
        if (error instanceof ApiException api) {
            results.fail(key, api);
            return results.allSettled() ? whenSettled.get() : Step.sendNext();
        }
        return Step.failed(error);
    }
}
