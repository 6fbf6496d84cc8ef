package io.brook.core.internal.call;

import io.brook.common.errors.BrookException;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import java.util.List;

/**
 * The protocol logic of one call (an admin operation, a coordinator request, a lookup): builds its requests and
 * maps their responses to a result. Pure logic: no network, no clock, no threads; {@link CallDriver} drives it.
 *
 * <p>A call proceeds in rounds: {@link #nextRequests} names one or more requests, the driver sends them all (to
 * the brokers they name, any broker, or a coordinator it looks up) and feeds each outcome back through
 * {@link #onResponse} or {@link #onFailure}; once all have settled it asks for the next round. Handlers that send
 * one request at a time implement {@link SingleRequestHandler}.
 *
 * <p>Confined to its call: the driver invokes one method at a time (under the driver's lock, possibly from
 * different threads), so implementations need no locks of their own.
 *
 * @param <T> the call's result type
 */
public interface CallHandler<T> {

    /** The public name of the call, for error messages: {@code "createTopics"}. */
    String callName();

    /**
     * The requests of the next round; never empty.
     *
     * @param remainingMs the time left before the call times out, for requests that tell the broker how long to
     *     wait; {@code > 0}
     */
    List<CallRequest> nextRequests(long remainingMs);

    /**
     * Maps the response to {@code request} from the broker at {@code from}.
     *
     * @return what to do next
     */
    Step<T> onResponse(CallRequest request, Endpoint from, ApiMessage response);

    /**
     * Handles a request that got no response: a connection or request timeout, an unsupported version, or (with
     * {@code to == null}) a coordinator that could not be found, so the request was never sent. The default
     * retries retriable errors and fails the call on the others.
     *
     * @param to the broker the request went to, or {@code null} if it was not sent
     */
    default Step<T> onFailure(CallRequest request, Endpoint to, Throwable error) {
        return isRetriable(error) ? Step.retry(error) : Step.failed(error);
    }

    /** Whether {@code error} is a {@link BrookException} that says so. */
    static boolean isRetriable(Throwable error) {
        return error instanceof BrookException be && be.isRetriable();
    }
}
