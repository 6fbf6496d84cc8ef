package io.brook.core.internal.network;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import io.brook.core.internal.util.Deadline;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves broker host names for one network client without blocking its event loops. Lookups go through a
 * {@link HostResolver} on a small pool of daemon threads named {@code brook-<clientId>-dns-<n>}, started on demand
 * (at most {@link #MAX_THREADS}; further lookups queue; a thread idle for {@link #KEEP_ALIVE_MS} ends), so a slow or
 * hanging DNS server delays only the connections to the names it serves. IP literals are parsed at once, on the
 * caller's thread, without a lookup.
 *
 * <p>As Kafka's clients do, a name's addresses are narrowed to the address family (IPv4 or IPv6) of the first one the
 * resolver returns, which the JVM's {@code java.net.preferIPv6Addresses} setting orders.
 *
 * <p>Thread-safe. Owned by {@link NetworkClient}, whose close stops the threads ({@link #shutdownNow()}).
 */
final class AsyncHostResolver implements ConnectionSlot.AddressLookup {
    /** How many lookups may run at once. */
    static final int MAX_THREADS = 4;
    /** How long an idle lookup thread waits for more work before it ends. */
    static final long KEEP_ALIVE_MS = 30_000L;

    private final HostResolver hosts;
    private final String clientId;
    private final ThreadPoolExecutor executor;
    /** The threads still running, so that shutdown can wait until they have really ended. */
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();

    AsyncHostResolver(HostResolver hosts, String clientId) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        String prefix = "brook-" + clientId + "-dns-";
        AtomicInteger next = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, KEEP_ALIVE_MS, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(() -> {
                        try {
                            task.run();
                        } finally {
                            live.remove(Thread.currentThread());
                        }
                    }, prefix + next.getAndIncrement());
                    t.setDaemon(true);
                    live.add(t);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Completes on a lookup thread (at once for an IP literal) with at least one address, or fails with the
     * resolver's {@link UnknownHostException}; after {@link #shutdownNow()} fails with
     * {@link io.brook.common.errors.NetworkClientClosedException}. Never blocks.
     */
    @Override
    public CompletableFuture<List<InetAddress>> resolve(String host) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            return CompletableFuture.completedFuture(List.of(literal));
        }
        CompletableFuture<List<InetAddress>> result = new CompletableFuture<>();
        try {
            executor.execute(() -> lookUp(host, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(NetworkErrors.clientClosed(clientId));
        }
        return result;
    }

    private void lookUp(String host, CompletableFuture<List<InetAddress>> result) {
        try {
            InetAddress[] all = hosts.resolve(host);
            if (all == null || all.length == 0) {
                throw new UnknownHostException(host + ": no addresses");
            }
            result.complete(sameFamilyAsFirst(all));
        } catch (UnknownHostException | RuntimeException e) {
            // SecurityException included: a lookup the security policy forbids is a name that does not resolve.
            result.completeExceptionally(e);
        }
    }

    private static List<InetAddress> sameFamilyAsFirst(InetAddress[] all) {
        Class<? extends InetAddress> family = all[0].getClass();
        List<InetAddress> kept = new ArrayList<>(all.length);
        for (InetAddress a : all) {
            if (a.getClass() == family) {
                kept.add(a);
            }
        }
        return List.copyOf(kept);
    }

    /**
     * Runs another blocking lookup task (resolving the bootstrap names, say) on the lookup threads.
     *
     * @throws java.util.concurrent.RejectedExecutionException after {@link #shutdownNow()}
     */
    void execute(Runnable task) {
        executor.execute(Objects.requireNonNull(task, "task"));
    }

    /** Stops the lookup threads without waiting; lookups not yet started fail. Idempotent. */
    void shutdownNow() {
        executor.shutdownNow();
    }

    /**
     * Waits until {@code deadline} for the threads to end after {@link #shutdownNow()}. A lookup blocked inside the
     * JDK cannot be interrupted: its daemon thread then outlives this call.
     *
     * @return whether every thread ended in time
     */
    boolean awaitTermination(Deadline deadline) throws InterruptedException {
        if (!executor.awaitTermination(deadline.remainingMs(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        // Termination is signalled from inside the last thread just before it ends: join so that "ended" means gone.
        for (Thread t : List.copyOf(live)) {
            t.join(Math.max(1L, deadline.remainingMs()));
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
