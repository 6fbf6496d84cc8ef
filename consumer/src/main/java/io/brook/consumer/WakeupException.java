package io.brook.consumer;

import io.brook.common.errors.BrookException;

/**
 * Thrown by a blocking consumer call ({@link Consumer#poll}, {@link Consumer#commitSync}, {@link Consumer#position},
 * ...) that {@link Consumer#wakeup()} interrupted, or by the next such call if none was blocked. The consumer stays
 * usable: typically the application catches it to close the consumer from its polling thread.
 */
public final class WakeupException extends BrookException {
    public WakeupException() {
        super("The consumer was woken up by Consumer.wakeup()");
    }
}
