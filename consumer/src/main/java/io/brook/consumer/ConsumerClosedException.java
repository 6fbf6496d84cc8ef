package io.brook.consumer;

import io.brook.common.errors.BrookException;

/** An operation of the consumer (an asynchronous commit, a lookup) was pending when the consumer was closed. */
public final class ConsumerClosedException extends BrookException {
    public ConsumerClosedException(String message) {
        super(message);
    }
}
