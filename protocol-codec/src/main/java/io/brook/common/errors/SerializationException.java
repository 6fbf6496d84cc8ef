package io.brook.common.errors;

/**
 * A key or value could not be serialized or deserialized. Not retriable: the same bytes fail again. Carries no
 * Kafka error code because it never crosses the wire.
 */
public class SerializationException extends BrookException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
