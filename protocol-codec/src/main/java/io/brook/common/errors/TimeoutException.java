package io.brook.common.errors;

/**
 * A client-side deadline passed: no response in {@code request.timeout.ms}, an API call past its timeout, a
 * {@code send} that waited {@code max.block.ms} for buffer space. The message names the operation, the broker or
 * resource involved and the timeout. Retriable. No broker sent this: it carries no Kafka error code (a broker's
 * own {@code REQUEST_TIMED_OUT} answer is {@link RequestTimedOutException}).
 */
public class TimeoutException extends BrookException {
    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
