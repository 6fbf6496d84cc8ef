package io.brook.admin;

import io.brook.common.errors.BrookException;

/** A call was made on, or still pending at, an {@link Admin} that was closed. Not retriable. */
public class AdminClosedException extends BrookException {
    public AdminClosedException(String message) {
        super(message);
    }
}
