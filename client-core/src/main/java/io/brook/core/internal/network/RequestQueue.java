package io.brook.core.internal.network;

import io.brook.common.errors.BrookException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The requests of one connection that are not on the wire yet: waiting for the connection to be set up, for a
 * free in-flight slot ({@code max.in.flight.requests.per.connection}), or for the socket to take more bytes. The
 * queue is bounded ({@code brook.max.queued.requests.per.connection}): a request beyond the bound is refused with a
 * typed error at once, so a slow or dead broker and a flood of requests cannot grow memory without limit. Each
 * request keeps the deadline it got when the caller sent it, so time spent here counts against its timeout.
 *
 * <p>Confined to the connection's event loop, except {@link #size()}, a volatile snapshot any thread may read.
 */
final class RequestQueue {
    private final ArrayDeque<OutgoingRequest> queue = new ArrayDeque<>();
    private final int capacity;
    private volatile int size;

    /** @param capacity the most requests held; {@code >= 1} */
    RequestQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code request} at the tail; false if the queue is full (the caller fails the request). */
    boolean offer(OutgoingRequest request) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(request);
        size = queue.size();
        return true;
    }

    /** The oldest request, removed; null if none. Requests settled meanwhile (cancelled) are skipped. */
    OutgoingRequest poll() {
        OutgoingRequest next;
        do {
            next = queue.pollFirst();
        } while (next != null && next.future().isDone());
        size = queue.size();
        return next;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** How many requests wait; any thread. */
    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** Removes the requests whose deadline is at or before {@code nowMs} (and those already settled). */
    List<OutgoingRequest> expire(long nowMs) {
        List<OutgoingRequest> expired = null;
        for (Iterator<OutgoingRequest> it = queue.iterator(); it.hasNext(); ) {
            OutgoingRequest r = it.next();
            if (r.future().isDone()) {
                it.remove();
            } else if (r.deadlineMs() <= nowMs) {
                it.remove();
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(r);
            }
        }
        size = queue.size();
        return expired == null ? List.of() : expired;
    }

    /** Fails and removes every request. */
    void failAll(BrookException error) {
        while (!queue.isEmpty()) {
            queue.pollFirst().future().completeExceptionally(error);
        }
        size = 0;
    }
}
