package io.brook.core.internal.event;

import io.brook.common.event.ClientEvent;
import io.brook.common.event.ClientEventListener;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventSink} of a client with a {@link ClientEventListener}: events go into a bounded queue and are
 * delivered in order on one thread, {@code brook-<clientId>-events}, so that the listener never runs on a thread
 * doing the client's work and can never slow it down. A full queue drops the new event and counts it
 * ({@link #dropped()}; the first drop is logged). A listener that throws is logged once (the first time) and kept.
 *
 * <p>Thread-safe: {@link #emit} from any thread; the queue is the only shared state besides counters.
 */
public final class EventDispatcher implements EventSink, AutoCloseable {
    /** Events waiting for the listener, at most. */
    public static final int DEFAULT_CAPACITY = 8192;
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    /** Queued by {@link #close} so that the thread ends after delivering what was queued before. */
    private static final ClientEvent END = new ClientEvent() {
        @Override
        public String clientId() {
            return "";
        }

        @Override
        public long timestampMs() {
            return 0;
        }
    };

    private final String clientId;
    private final ClientEventListener listener;
    private final BlockingQueue<ClientEvent> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicBoolean listenerFailureLogged = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public EventDispatcher(String clientId, ClientEventListener listener) {
        this(clientId, listener, DEFAULT_CAPACITY);
    }

    /** @param capacity how many undelivered events are kept before new ones are dropped */
    public EventDispatcher(String clientId, ClientEventListener listener, int capacity) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::deliver, "brook-" + clientId + "-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** A dispatcher for {@code listener}, or {@link EventSink#NONE} when it is null. */
    public static EventSink forListener(String clientId, ClientEventListener listener) {
        return listener == null ? NONE : new EventDispatcher(clientId, listener);
    }

    @Override
    public boolean enabled() {
        return !closed.get();
    }

    @Override
    public void emit(ClientEvent event) {
        if (event == null || closed.get()) {
            return;
        }
        if (!queue.offer(event) && dropped.getAndIncrement() == 0) {
            log.warn("[{}] The event listener falls behind: its queue of {} events is full, so events are dropped "
                    + "(counted, not logged again)", clientId, queue.remainingCapacity() + queue.size());
        }
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Events handed to the listener (whether or not it threw). */
    public long delivered() {
        return delivered.get();
    }

    private void deliver() {
        while (true) {
            ClientEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (event == END) {
                return;
            }
            try {
                listener.onEvent(event);
            } catch (Throwable t) {
                if (listenerFailureLogged.compareAndSet(false, true)) {
                    log.warn("[{}] The event listener threw on {}; it is kept and receives later events (further "
                            + "failures are not logged)", clientId, event.getClass().getSimpleName(), t);
                }
            }
            delivered.incrementAndGet();
        }
    }

    /** {@link #close(Duration)} with 5 seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /**
     * Stops accepting events, delivers those already queued (within {@code timeout}) and ends the thread. A
     * listener still running after the timeout is interrupted. Idempotent.
     */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // The queue may be full: make room for the end marker by dropping the oldest if needed.
        while (!queue.offer(END)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(Math.max(1L, timeout.toMillis()));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
