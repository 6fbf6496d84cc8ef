package io.brook.common.errors;

/**
 * A request failed because the client's network layer was closed (or was closing) before a response arrived.
 * Not retriable: the same client will never send again.
 */
public class NetworkClientClosedException extends BrookException {
    public NetworkClientClosedException(String message) {
        super(message);
    }
}
