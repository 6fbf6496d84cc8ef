package io.brook.core.internal.metadata;

import io.brook.common.config.BootstrapAddress;
import io.brook.common.config.ClientDnsLookup;
import io.brook.common.config.ConfigException;
import io.brook.common.errors.UnresolvedHostException;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code bootstrap.servers} with DNS as {@code client.dns.lookup} says:
 * <ul>
 *   <li>{@link ClientDnsLookup#USE_ALL_DNS_IPS}: one endpoint per IP address of each name, so that a name
 *       fronting several brokers yields each of them;
 *   <li>{@link ClientDnsLookup#RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY}: one endpoint per distinct canonical host
 *       name of those addresses (for aliases that front a cluster); the network layer resolves those names when
 *       it connects.
 * </ul>
 * Names that do not resolve are skipped (logged at WARN the first time, at DEBUG while they keep failing, at INFO
 * when they resolve again); if none resolves, the result fails with an {@link UnresolvedHostException} naming them.
 *
 * <p>Immutable and thread-safe. Lookups block, so they run on the {@code executor} given (never a Netty event
 * loop); its lifecycle stays with the caller.
 */
public final class DnsBootstrapResolver implements BootstrapResolver {
    private static final Logger log = LoggerFactory.getLogger(DnsBootstrapResolver.class);

    private final List<BootstrapAddress> addresses;
    private final ClientDnsLookup lookup;
    private final HostResolver hosts;
    private final Executor executor;
    /** Addresses whose last lookup failed, so a failure is logged loudly only once. */
    private final Set<BootstrapAddress> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public DnsBootstrapResolver(List<BootstrapAddress> addresses, ClientDnsLookup lookup, HostResolver hosts,
            Executor executor) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap addresses");
        }
        this.addresses = List.copyOf(addresses);
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** A resolver using the JDK's resolver. */
    public static DnsBootstrapResolver system(List<BootstrapAddress> addresses, ClientDnsLookup lookup,
            Executor executor) {
        return new DnsBootstrapResolver(addresses, lookup, HostResolver.SYSTEM, executor);
    }

    /**
     * For a client's {@code create}: fails at once, as kafka-clients does, when not one bootstrap address resolves
     * (a typo, a missing DNS entry), instead of letting every call time out later. Blocks for the lookups.
     *
     * @throws ConfigException for {@code bootstrap.servers}, naming every address and why, with the
     *     {@link UnresolvedHostException} as cause
     */
    public void requireResolvable() {
        try {
            resolveBlocking();
        } catch (UnresolvedHostException e) {
            ConfigException error = new ConfigException("bootstrap.servers", e.getMessage());
            error.initCause(e);
            throw error;
        }
    }

    @Override
    public CompletableFuture<List<Endpoint>> resolve() {
        return CompletableFuture.supplyAsync(this::resolveBlocking, executor);
    }

    /**
     * Resolves every address now, on the calling thread.
     *
     * @throws UnresolvedHostException naming every address and why, if none resolves
     */
    public List<Endpoint> resolveBlocking() {
        Set<String> hostPorts = new LinkedHashSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Exception firstFailure = null;
        for (BootstrapAddress address : addresses) {
            InetAddress[] resolved;
            try {
                resolved = hosts.resolve(address.host());
            } catch (UnknownHostException | SecurityException e) {
                if (failing.add(address)) {
                    log.warn("Bootstrap address {} does not resolve: {}", address, e.getMessage());
                } else {
                    log.debug("Bootstrap address {} still does not resolve: {}", address, e.getMessage());
                }
                failures.add(address + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                firstFailure = firstFailure == null ? e : firstFailure;
                continue;
            }
            if (failing.remove(address)) {
                log.info("Bootstrap address {} resolves again", address);
            }
            for (InetAddress ip : resolved) {
                String host = lookup == ClientDnsLookup.USE_ALL_DNS_IPS ? ip.getHostAddress()
                        : hosts.canonicalName(ip);
                if (hostPorts.add(host + ":" + address.port())) {
                    // Placeholder ids -1, -2, ... keep bootstrap endpoints distinct from real broker ids.
                    endpoints.add(new Endpoint(-1 - endpoints.size(), host, address.port()));
                }
            }
        }
        if (endpoints.isEmpty()) {
            throw new UnresolvedHostException(addresses.get(0).host(), "None of the bootstrap.servers resolves: "
                    + String.join(", ", failures), firstFailure);
        }
        return List.copyOf(endpoints);
    }
}
