package io.brook.core.internal.network;

import io.brook.common.errors.BrookException;

/**
 * A request could not be built or encoded at the version chosen for it: a bug in the caller's builder or a value
 * the version cannot carry. Not retriable (the same request would fail the same way) and not the broker's fault:
 * the connection stays up and the broker is not marked failed. Names the API, version and broker.
 */
public final class RequestEncodingException extends BrookException {
    public RequestEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
