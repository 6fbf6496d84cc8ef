package io.brook.examples;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which of the demo's records arrived and how often, shared by the group's members (each record's key is its
 * sequence number). Thread-safe.
 */
final class ReceivedLedger {
    private final AtomicIntegerArray seen;

    ReceivedLedger(int records) {
        this.seen = new AtomicIntegerArray(records);
    }

    void mark(int sequence) {
        seen.incrementAndGet(sequence);
    }

    int missing() {
        int missing = 0;
        for (int i = 0; i < seen.length(); i++) {
            if (seen.get(i) == 0) {
                missing++;
            }
        }
        return missing;
    }

    int duplicates() {
        int extra = 0;
        for (int i = 0; i < seen.length(); i++) {
            extra += Math.max(0, seen.get(i) - 1);
        }
        return extra;
    }
}
