package io.brook.core.internal.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.brook.core.internal.util.Deadline;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty event-loop group of one client and the socket channel type that goes with it: native epoll when the
 * native library loads (Linux x86_64), otherwise NIO.
 *
 * <p>Threads are named {@code brook-<clientId>-io-<n>} (n from 0) and are daemon threads, so that a client the
 * application forgot to close does not keep the JVM alive; {@link #shutdown(long)} stops them.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class EventLoops {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final boolean nativeTransport;
    /** Every thread the group started, so that shutdown can wait until they have really ended. */
    private final List<Thread> threads;

    private EventLoops(EventLoopGroup group, Class<? extends SocketChannel> channelType, boolean nativeTransport,
            List<Thread> threads) {
        this.group = group;
        this.channelType = channelType;
        this.nativeTransport = nativeTransport;
        this.threads = threads;
    }

    /** Starts the group: epoll if available and {@code preferNative}, else NIO. */
    static EventLoops start(String clientId, int threads, boolean preferNative) {
        List<Thread> started = new CopyOnWriteArrayList<>();
        ThreadFactory factory = threadFactory("brook-" + clientId + "-io-", started);
        if (preferNative && Epoll.isAvailable()) {
            IoHandlerFactory io = EpollIoHandler.newFactory();
            return new EventLoops(new MultiThreadIoEventLoopGroup(threads, factory, io), EpollSocketChannel.class,
                    true, started);
        }
        return new EventLoops(new MultiThreadIoEventLoopGroup(threads, factory, NioIoHandler.newFactory()),
                NioSocketChannel.class, false, started);
    }

    private static ThreadFactory threadFactory(String prefix, List<Thread> started) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            // FastThreadLocalThread lets Netty's pooled allocator use its fast thread-local caches.
            Thread t = new FastThreadLocalThread(task, prefix + next.getAndIncrement());
            t.setDaemon(true);
            started.add(t);
            return t;
        };
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    boolean isNative() {
        return nativeTransport;
    }

    /** Whether the calling thread is one of this group's. */
    boolean isOwnThread() {
        for (EventExecutor e : group) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Shuts the group down without a quiet period and waits until {@code deadline} for its threads to end.
     * Must not be called on one of its own threads (it would wait for itself).
     *
     * @return whether every thread ended in time
     */
    boolean shutdown(Deadline deadline) throws InterruptedException {
        long timeoutMs = deadline.remainingMs();
        group.shutdownGracefully(0, Math.max(timeoutMs, 1), TimeUnit.MILLISECONDS);
        if (!group.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
            return false;
        }
        // Termination is signalled from inside each thread just before it ends: join so that "closed" means gone.
        for (Thread t : threads) {
            long leftMs = deadline.remainingMs();
            if (leftMs <= 0) {
                return !t.isAlive();
            }
            t.join(leftMs);
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
