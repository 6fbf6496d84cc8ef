package io.brook.testkit.internal;

import java.time.Duration;

/**
 * A point in time to give up waiting at. Immutable. The only clock reader of the testkit's waiting loops.
 */
final class Deadline {

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    boolean expired() {
        return remainingMillis() <= 0;
    }

    long remainingMillis() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    /** Sleeps for the given time or until the deadline, whichever is sooner. */
    void pause(long millis) throws InterruptedException {
        Thread.sleep(Math.max(1, Math.min(millis, remainingMillis())));
    }
}
