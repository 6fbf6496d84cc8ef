package io.brook.common.errors;

/**
 * A request was refused before it was sent because the queue of its broker connection was full
 * ({@code brook.max.queued.requests.per.connection}): the broker is not keeping up, or is unreachable while requests
 * keep coming. The message names the broker and the bound. Retriable: the caller may try again after a backoff.
 * Client-side; no broker sent it.
 */
public class RequestQueueFullException extends BrookException {
    public RequestQueueFullException(String message) {
        super(message);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
