package io.brook.core;

import java.util.concurrent.atomic.AtomicLong;

/** A {@link Time} that moves only when told to: for tests of timeouts, backoff and linger. Thread-safe. */
public final class ManualTime implements Time {
    private final AtomicLong wallMs;
    private final AtomicLong nanos;

    public ManualTime() {
        this(1_700_000_000_000L);
    }

    public ManualTime(long startWallMs) {
        this.wallMs = new AtomicLong(startWallMs);
        this.nanos = new AtomicLong(0L);
    }

    /** Moves both clocks forward. */
    public void advance(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("time only moves forward: " + ms);
        }
        wallMs.addAndGet(ms);
        nanos.addAndGet(ms * 1_000_000L);
    }

    @Override
    public long milliseconds() {
        return wallMs.get();
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }
}
