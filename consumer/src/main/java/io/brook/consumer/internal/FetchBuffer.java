package io.brook.consumer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The fetched data not yet handed out, in arrival order, with its size bounded for the whole consumer: the
 * fetcher sends nothing while {@link #isFullLocked()} (the bound is {@code fetch.max.bytes}; one response may
 * overshoot it, as kafka-clients' fetches may).
 *
 * <p>Guarded by the {@link SubscriptionState}'s lock (every method ends in {@code Locked}): the background thread
 * adds, the polling thread takes. The byte count covers queued fetches and the one the polling thread is working
 * through, until it is {@linkplain #doneLocked done}.
 */
final class FetchBuffer {
    private final ArrayDeque<CompletedFetch> queue = new ArrayDeque<>();
    private final long maxBytes;
    private long bytes;

    FetchBuffer(long maxBytes) {
        this.maxBytes = Math.max(1L, maxBytes);
    }

    void addLocked(CompletedFetch fetch) {
        queue.addLast(fetch);
        bytes += fetch.sizeInBytes;
    }

    /** Puts back a fetch the polling thread took but cannot hand out now (its partition was paused). */
    void pushBackLocked(CompletedFetch fetch) {
        queue.addFirst(fetch);
    }

    /** Whether no more data should be fetched until some is handed out. */
    boolean isFullLocked() {
        return bytes >= maxBytes;
    }

    long bytesLocked() {
        return bytes;
    }

    int sizeLocked() {
        return queue.size();
    }

    /** What the scan of {@link #takeLocked} decides for one queued fetch. */
    enum Verdict { TAKE, KEEP, DISCARD }

    /** Decides, under the lock, whether a queued fetch can be handed out now. */
    @FunctionalInterface
    interface Judge {
        Verdict judge(CompletedFetch fetch);
    }

    /**
     * Removes and returns the first fetch {@code judge} lets through, moving the ones it discards to
     * {@code discarded} (their bytes no longer count; the caller releases them outside the lock).
     *
     * @return the fetch to hand out, or null
     */
    CompletedFetch takeLocked(Judge judge, List<CompletedFetch> discarded) {
        Iterator<CompletedFetch> it = queue.iterator();
        while (it.hasNext()) {
            CompletedFetch fetch = it.next();
            switch (judge.judge(fetch)) {
                case TAKE -> {
                    it.remove();
                    return fetch;
                }
                case DISCARD -> {
                    it.remove();
                    bytes -= fetch.sizeInBytes;
                    discarded.add(fetch);
                }
                case KEEP -> {
                }
            }
        }
        return null;
    }

    /** A taken fetch is drained or dropped: its bytes no longer count. */
    void doneLocked(CompletedFetch fetch) {
        bytes -= fetch.sizeInBytes;
    }

    /** Empties the buffer; the caller releases what it returns. */
    List<CompletedFetch> clearLocked() {
        List<CompletedFetch> all = new ArrayList<>(queue);
        queue.clear();
        for (CompletedFetch fetch : all) {
            bytes -= fetch.sizeInBytes;
        }
        return all;
    }
}
