package io.brook.admin.internal;

import io.brook.common.errors.BrookException;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;

/**
 * The protocol logic of one admin call: builds its requests and maps their responses to a result. Pure logic: no
 * network, no clock, no threads; {@link AdminCall} drives it.
 *
 * <p>Confined to its call: the runner invokes one method at a time, each after the previous request completed
 * (possibly on different threads, ordered by the completion of that request), so implementations need no locks.
 *
 * @param <T> the call's result type
 */
public interface AdminHandler<T> {

    /** The public name of the call, for error messages: {@code "createTopics"}. */
    String callName();

    /**
     * The next request to send.
     *
     * @param remainingMs the time left before the call times out, for requests that tell the broker how long to
     *     wait; {@code > 0}
     */
    AdminRequest nextRequest(long remainingMs);

    /**
     * Maps the response to {@code request} from the broker at {@code from}.
     *
     * @return what to do next
     */
    Step<T> onResponse(AdminRequest request, Endpoint from, ApiMessage response);

    /**
     * Handles a request that got no response: a connection or request timeout, an unsupported version, ... The
     * default retries retriable errors and fails on the others.
     */
    default Step<T> onFailure(AdminRequest request, Endpoint to, Throwable error) {
        return isRetriable(error) ? Step.retry(error) : Step.failed(error);
    }

    /** Whether {@code error} is a {@link BrookException} that says so. */
    static boolean isRetriable(Throwable error) {
        return error instanceof BrookException be && be.isRetriable();
    }
}
