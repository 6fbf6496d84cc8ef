package io.brook.core.internal.call;

import java.util.List;

/**
 * A {@link CallHandler} whose rounds are one request each: the next request is sent once the previous one has
 * settled.
 *
 * @param <T> the call's result type
 */
public interface SingleRequestHandler<T> extends CallHandler<T> {

    /**
     * The next request to send.
     *
     * @param remainingMs the time left before the call times out; {@code > 0}
     */
    CallRequest nextRequest(long remainingMs);

    @Override
    default List<CallRequest> nextRequests(long remainingMs) {
        return List.of(nextRequest(remainingMs));
    }
}
