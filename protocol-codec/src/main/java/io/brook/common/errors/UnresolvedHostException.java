package io.brook.common.errors;

import java.util.Objects;

/**
 * A broker's host name (from {@code bootstrap.servers} or from cluster metadata) did not resolve to any address,
 * or not within the connection setup timeout. Retriable: DNS may answer later, and every new connection attempt
 * resolves the name again. A {@link NetworkException}, so code that handles connection failures handles this too.
 */
public class UnresolvedHostException extends NetworkException {
    private final String host;

    /**
     * @param host the name that did not resolve
     * @param cause the resolver's failure (e.g. {@link java.net.UnknownHostException}); null after a timeout
     */
    public UnresolvedHostException(String host, String message, Throwable cause) {
        super(message, cause);
        this.host = Objects.requireNonNull(host, "host");
    }

    /** The name that did not resolve. */
    public String host() {
        return host;
    }
}
