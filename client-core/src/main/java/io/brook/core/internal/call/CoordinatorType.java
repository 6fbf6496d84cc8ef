package io.brook.core.internal.call;

/**
 * The kinds of key a coordinator is found for (FindCoordinator's {@code keyType}).
 */
public enum CoordinatorType {
    /** A consumer group (classic or consumer protocol): the group coordinator. */
    GROUP((byte) 0),
    /** A transactional id: the transaction coordinator. */
    TRANSACTION((byte) 1);

    private final byte wireValue;

    CoordinatorType(byte wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of FindCoordinator's {@code keyType} field. */
    public byte wireValue() {
        return wireValue;
    }
}
