package io.brook.core.internal.network;

import io.brook.protocol.ApiMessage;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between protocol logic (metadata, admin handlers, producer sender, fetcher) and the Netty connection
 * pool. Implemented by the network client; faked in unit tests.
 *
 * <p>Thread-safe; never blocks. Returned futures complete on a Netty event-loop thread, so callers must not
 * block in their callbacks.
 */
public interface RequestSender {
    /**
     * Sends {@code request} to the broker at {@code endpoint} at the highest version both sides support (and any
     * user pin allows), opening the connection if needed.
     *
     * @return the decoded response body; fails with a typed exception: the broker's transport errors, a timeout,
     *     or {@code UnsupportedVersionException} naming the API and versions if the broker is too old
     */
    <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage request);

    /**
     * As {@link #send(Endpoint, ApiMessage)} but restricted to versions {@code minVersion..maxVersion}: for callers
     * that need a capability only some versions carry.
     */
    <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage request, short minVersion,
            short maxVersion);
}
