package io.brook.core.internal.network;

import java.util.function.BooleanSupplier;

/** Waits in tests for something another thread does, without a fixed sleep. */
final class Poll {
    private static final long TIMEOUT_MS = 10_000;

    private Poll() {}

    /** Returns once {@code condition} holds; fails the test if it does not within 10 s. */
    static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + TIMEOUT_MS + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
