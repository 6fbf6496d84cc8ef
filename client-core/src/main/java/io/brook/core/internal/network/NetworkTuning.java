package io.brook.core.internal.network;

/**
 * Internal knobs of the network layer that users have no reason to set: how often the event loop checks
 * deadlines, and whether native transport is tried. Tests shorten the ticks. Immutable.
 *
 * @param timeoutTickMs how often in-flight deadlines are checked; a request times out at most this late
 * @param slotTickMs how often a connection checks its setup deadline, the deadlines of its queued requests and
 *     whether it has been idle long enough to close
 * @param preferNativeTransport use epoll when the native library loads
 */
record NetworkTuning(long timeoutTickMs, long slotTickMs, boolean preferNativeTransport) {
    static final NetworkTuning DEFAULT = new NetworkTuning(RequestTimeouts.DEFAULT_TICK_MS,
            RequestTimeouts.DEFAULT_TICK_MS, true);

    NetworkTuning {
        if (timeoutTickMs <= 0 || slotTickMs <= 0) {
            throw new IllegalArgumentException("ticks must be > 0: " + timeoutTickMs + ", " + slotTickMs);
        }
    }
}
