package io.brook.protocol.wire;

import io.brook.common.errors.BrookException;

/** Bytes that do not decode as the message they claim to be: truncated, or with an impossible length. */
public final class MalformedMessageException extends BrookException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
