package io.brook.consumer;

import io.brook.common.errors.BrookException;

/**
 * A consumer was called from a second thread while another thread was inside one of its calls. A consumer is
 * used by one thread at a time (only {@link Consumer#wakeup()} may be called from anywhere); hand records to other
 * threads instead of sharing the consumer.
 */
public final class ConcurrentUseException extends BrookException {
    public ConcurrentUseException(String message) {
        super(message);
    }
}
