package io.brook.core.internal.network;

import java.net.InetAddress;
import java.util.List;

/**
 * The resolved addresses of one endpoint's host and which to try next: {@code client.dns.lookup=use_all_dns_ips}
 * for broker connections (Kafka's rule for both of that key's values). Each connection attempt takes the next
 * address; once every address has been tried, the name is resolved again. After an established connection ends,
 * the addresses are forgotten so that the next attempt resolves again (the broker may have moved). A fresh
 * resolution does not start with the address tried last if it offers another, so that a failing address behind a
 * name is not retried first.
 *
 * <p>Confined to its {@link ConnectionSlot}'s event loop.
 */
final class AddressRotation {
    private List<InetAddress> addresses = List.of();
    private int next;
    private InetAddress lastTried;

    /** The address for the next attempt, or null if the name must be resolved (again) first. */
    InetAddress next() {
        if (next >= addresses.size()) {
            return null;
        }
        lastTried = addresses.get(next++);
        return lastTried;
    }

    /** Replaces the addresses with a fresh resolution; {@link #next()} then returns one of them. */
    void update(List<InetAddress> resolved) {
        if (resolved.isEmpty()) {
            throw new IllegalArgumentException("no addresses");
        }
        addresses = List.copyOf(resolved);
        next = addresses.size() > 1 && addresses.get(0).equals(lastTried) ? 1 : 0;
    }

    /** Forgets the addresses: the next attempt resolves the name again. */
    void forget() {
        addresses = List.of();
        next = 0;
    }
}
