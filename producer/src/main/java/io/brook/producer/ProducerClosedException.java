package io.brook.producer;

import io.brook.common.errors.BrookException;

/**
 * The producer was closed: a {@code send} after {@code close}, or a record still pending when
 * {@code close(timeout)} ran out of time (its outcome is then unknown if it was already sent). Not retriable on this
 * producer.
 */
public class ProducerClosedException extends BrookException {
    public ProducerClosedException(String message) {
        super(message);
    }

    public ProducerClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
