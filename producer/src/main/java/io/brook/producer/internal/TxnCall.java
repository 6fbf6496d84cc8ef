package io.brook.producer.internal;

import io.brook.common.errors.BrookException;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.CoordinatorLookup;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.Futures;
import io.brook.core.internal.util.Scheduler;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request of the transaction protocol at a coordinator until it succeeds or fails for good: finds the
 * coordinator (FindCoordinator, cached), sends, and retries after a backoff when the coordinator moved
 * (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, no answer: looked up again), is loading, or answers
 * CONCURRENT_TRANSACTIONS (the previous transaction is still being completed) or another retriable error.
 *
 * <p>Sender thread only: the request futures complete on it and retries are scheduled on it.
 */
final class TxnCall {
    private static final Logger log = LoggerFactory.getLogger(TxnCall.class);
    /** Errors after which the same coordinator is asked again. */
    private static final Set<Errors> RETRY_HERE = EnumSet.of(Errors.CONCURRENT_TRANSACTIONS,
            Errors.COORDINATOR_LOAD_IN_PROGRESS, Errors.UNKNOWN_TOPIC_OR_PARTITION, Errors.REQUEST_TIMED_OUT,
            Errors.OPERATION_NOT_ATTEMPTED);

    private final String clientId;
    private final RequestSender requests;
    private final CoordinatorLookup coordinators;
    private final Scheduler scheduler;
    private final ExponentialBackoff backoff;
    /** The coordinator that answered the last successful request. */
    private Endpoint lastCoordinator;

    TxnCall(String clientId, RequestSender requests, CoordinatorLookup coordinators, Scheduler scheduler,
            ExponentialBackoff backoff) {
        this.clientId = clientId;
        this.requests = requests;
        this.coordinators = coordinators;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    /**
     * Runs a request at the coordinator of {@code key}.
     *
     * @param what the API's name, for logs and errors
     * @param request builds the request (again for each attempt, so it carries the current epoch)
     * @param errorOf the response's error (the first partition's error that is not NONE)
     * @param succeeded called with the response when its error is NONE
     * @param failed called with the typed error when it is neither NONE nor retriable
     */
    void run(CoordinatorKey key, String what, Supplier<RequestBuilder> request, Function<ApiMessage, Errors> errorOf,
            Consumer<ApiMessage> succeeded, Consumer<BrookException> failed) {
        attempt(new Attempt(key, what, request, errorOf, succeeded, failed));
    }

    /** The coordinator that answered the last successful request, or null before one. */
    Endpoint lastCoordinator() {
        return lastCoordinator;
    }

    private record Attempt(CoordinatorKey key, String what, Supplier<RequestBuilder> request,
            Function<ApiMessage, Errors> errorOf, Consumer<ApiMessage> succeeded, Consumer<BrookException> failed,
            int[] attempts) {
        Attempt(CoordinatorKey key, String what, Supplier<RequestBuilder> request, Function<ApiMessage, Errors> errorOf,
                Consumer<ApiMessage> succeeded, Consumer<BrookException> failed) {
            this(key, what, request, errorOf, succeeded, failed, new int[1]);
        }
    }

    private void attempt(Attempt a) {
        coordinators.find(a.key()).whenComplete((coordinator, error) -> {
            if (error != null) {
                retryOrFail(a, null, Futures.unwrap(error));
                return;
            }
            requests.<ApiMessage>send(coordinator, a.request().get()).whenComplete((response, sendError) -> {
                if (sendError != null) {
                    retryOrFail(a, coordinator, Futures.unwrap(sendError));
                    return;
                }
                Errors code = a.errorOf().apply(response);
                if (code == Errors.NONE) {
                    lastCoordinator = coordinator;
                    a.succeeded().accept(response);
                } else {
                    retryOrFail(a, coordinator, code.exception(a.what() + " for " + a.key() + " failed with " + code
                            + ": " + code.defaultMessage()));
                }
            });
        });
    }

    private void retryOrFail(Attempt a, Endpoint coordinator, Throwable failure) {
        if (CoordinatorLookup.meansStaleCoordinator(failure)) {
            coordinators.invalidate(a.key(), coordinator);
        } else if (!retriable(failure)) {
            a.failed().accept(failure instanceof BrookException be ? be
                    : new BrookException(a.what() + " for " + a.key() + " failed: " + failure, failure));
            return;
        }
        long waitMs = backoff.backoffMs(Math.min(a.attempts()[0]++, 10));
        log.debug("[{}] {} for {} failed, retrying in {} ms: {}", clientId, a.what(), a.key(), waitMs,
                failure.toString());
        scheduler.schedule(() -> attempt(a), waitMs);
    }

    private static boolean retriable(Throwable failure) {
        if (failure instanceof io.brook.common.errors.ApiException api) {
            return RETRY_HERE.contains(api.error()) || api.isRetriable();
        }
        return failure instanceof BrookException be && be.isRetriable();
    }
}
