package io.brook.core.internal.network;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkClientClosedException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.RequestQueueFullException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.UnresolvedHostException;
import io.brook.protocol.ApiKey;
import io.brook.protocol.wire.MalformedMessageException;

/**
 * The one place that turns transport failures into Brook's typed exceptions, so every message names the
 * endpoint (and the API and version when a request is involved) the same way. Stateless.
 */
final class NetworkErrors {
    private NetworkErrors() {}

    /** The TCP connection or the handshake to {@code endpoint} failed; retriable. */
    static BrookException connectFailed(Endpoint endpoint, Throwable cause) {
        // A non-retriable typed cause (the broker is too old for any ApiVersions version) must stay what it is, and
        // so must a name that did not resolve: it already names the host and endpoint.
        if (cause instanceof BrookException b && !b.isRetriable() || cause instanceof UnresolvedHostException) {
            return (BrookException) cause;
        }
        return new NetworkException("Connection to " + endpoint + " failed: " + describe(cause), cause);
    }

    /** The endpoint's host name did not resolve ({@code cause} says why); retriable. */
    static BrookException unresolved(Endpoint endpoint, Throwable cause) {
        if (cause instanceof BrookException b && !b.isRetriable()) {
            return b; // e.g. the client closed while the lookup ran
        }
        return new UnresolvedHostException(endpoint.host(), "Could not resolve host " + endpoint.host() + " of "
                + endpoint + ": " + describe(cause), cause);
    }

    /** The endpoint's host name did not resolve within the attempt's setup timeout; retriable. */
    static UnresolvedHostException lookupTimedOut(Endpoint endpoint, long timeoutMs) {
        return new UnresolvedHostException(endpoint.host(), "Could not resolve host " + endpoint.host() + " of "
                + endpoint + " within the connection setup timeout of " + timeoutMs + " ms", null);
    }

    /** The TCP connect to {@code endpoint} did not complete within the attempt's setup timeout; retriable. */
    static NetworkException connectTimedOut(Endpoint endpoint, long timeoutMs) {
        return new NetworkException("Could not connect to " + endpoint + " within the connection setup timeout of "
                + timeoutMs + " ms");
    }

    /** The queue of the connection to {@code endpoint} is full; retriable after a backoff. */
    static RequestQueueFullException queueFull(Endpoint endpoint, int capacity, String connectionState) {
        return new RequestQueueFullException("The request queue of the connection to " + endpoint + " is full ("
                + capacity + " requests, brook.max.queued.requests.per.connection; connection " + connectionState
                + "): the broker is not keeping up");
    }

    /** A request waited in the connection's queue until its deadline passed; retriable. */
    static TimeoutException timedOutQueued(OutgoingRequest request, Endpoint endpoint, String connectionState) {
        return new TimeoutException("The " + request.describe(endpoint) + " timed out after " + request.timeoutMs()
                + " ms before it could be sent (connection " + connectionState + ")");
    }

    /**
     * A send while the endpoint is backing off after failed connection attempts: retriable, unless the last attempt
     * failed for good (TLS or SASL authentication, a broker too old): then that typed, non-retriable error itself,
     * so callers stop at once instead of retrying into the same refusal.
     */
    static BrookException backingOff(Endpoint endpoint, int failures, long remainingMs, Throwable lastFailure) {
        if (lastFailure instanceof BrookException b && !b.isRetriable()) {
            return b;
        }
        return new NetworkException("Not connecting to " + endpoint + " for another " + remainingMs + " ms after "
                + failures + " failed attempt(s); last failure: " + describe(lastFailure), lastFailure);
    }

    /** The connection closed before the response to {@code request} arrived; retriable. */
    static NetworkException disconnected(PendingRequest request, Throwable cause) {
        String message = "Connection closed before the response to the " + request.describe() + " arrived";
        return cause == null
                ? new NetworkException(message)
                : new NetworkException(message + " (" + describe(cause) + ")", cause);
    }

    /** The caller's builder failed to build the body at {@code version}; not retriable, the connection stays up. */
    static RequestEncodingException buildFailed(ApiKey api, short version, Endpoint endpoint, Throwable cause) {
        return new RequestEncodingException("Could not build the " + api.apiName() + " v" + version + " request to "
                + endpoint + ": " + describe(cause), cause);
    }

    /** Writing {@code request} to the socket failed; retriable, unless encoding it failed (a bug, not the network). */
    static BrookException sendFailed(PendingRequest request, Throwable cause) {
        if (cause instanceof RequestEncodingException encoding) {
            return encoding;
        }
        return new NetworkException("Could not send the " + request.describe() + ": " + describe(cause), cause);
    }

    /** No response to {@code request} within {@code timeoutMs}; retriable. */
    static TimeoutException timedOut(PendingRequest request, long timeoutMs) {
        return new TimeoutException("The " + request.describe() + " timed out after " + timeoutMs + " ms");
    }

    /** The response to {@code request} did not decode; the connection is closed. */
    static MalformedMessageException malformed(PendingRequest request, Throwable cause) {
        MalformedMessageException e = new MalformedMessageException("The response to the " + request.describe()
                + " is malformed: " + describe(cause));
        e.initCause(cause);
        return e;
    }

    /** The network client is closed (or closing); not retriable on this client. */
    static NetworkClientClosedException clientClosed(String clientId) {
        return new NetworkClientClosedException("Network client " + clientId + " is closed");
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m;
    }
}
