package io.brook.common.errors;

import io.brook.protocol.Errors;

/** An {@link ApiException} for an error code that Kafka marks retriable. */
public class RetriableException extends ApiException {
    public RetriableException(Errors error, String message) {
        super(error, message);
    }

    public RetriableException(Errors error, String message, Throwable cause) {
        super(error, message, cause);
    }
}
