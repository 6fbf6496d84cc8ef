package io.brook.core.internal.security;

/**
 * The broker's SASL answer was malformed, failed verification or reported an error. The message says what, never
 * a credential; the SASL handler adds the mechanism and the broker. Unchecked.
 */
public final class SaslProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SaslProtocolException(String message) {
        super(message);
    }
}
