package io.brook.core.internal.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Blocking host name lookups: the JDK's resolver in production ({@link #SYSTEM}: the hosts file, DNS and the JVM's
 * DNS cache, as Kafka's clients resolve), a table in tests. Used by the network layer's lookup threads
 * ({@link AsyncHostResolver}) and by bootstrap resolution; never called on a Netty event loop, because a lookup can
 * block for seconds.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface HostResolver {
    /** The JDK's resolver. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * Every address of {@code host}; blocks.
     *
     * @throws UnknownHostException if the name does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The canonical host name of {@code address} (a reverse lookup); blocks. */
    default String canonicalName(InetAddress address) {
        return address.getCanonicalHostName();
    }
}
