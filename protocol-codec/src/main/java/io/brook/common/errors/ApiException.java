package io.brook.common.errors;

import io.brook.protocol.Errors;

/**
 * An error a broker answered with: it names the Kafka error code. One subclass per code is generated from
 * {@code errors.schema}; retriable codes extend {@link RetriableException}.
 */
public class ApiException extends BrookException {
    private final Errors error;

    public ApiException(Errors error, String message) {
        super(message);
        this.error = error;
    }

    public ApiException(Errors error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** The Kafka error code this exception stands for. */
    public Errors error() {
        return error;
    }

    @Override
    public boolean isRetriable() {
        return error.isRetriable();
    }
}
