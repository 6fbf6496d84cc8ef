package io.brook.core.internal.call;

import io.brook.core.internal.network.Endpoint;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Picks the broker for a request that any broker can answer, and hears how requests to brokers went, so that a
 * broker that does not answer is avoided. Implementations are thread-safe and never block.
 */
@FunctionalInterface
public interface BrokerSelector {

    /**
     * A broker to send to. Successive calls spread over the brokers that answer.
     *
     * @return completes at once when a broker is known, else once one is (after a metadata refresh), with
     *     {@code null} if there still is none; fails if none can be found (the metadata cannot be fetched for a
     *     reason retrying will not cure, or the client is closing)
     */
    CompletableFuture<Endpoint> anyBroker();

    /** A request to {@code broker} got no response: {@code error} says why. Must not throw. */
    default void failed(Endpoint broker, Throwable error) {
    }

    /** {@code broker} answered a request. Must not throw. */
    default void answered(Endpoint broker) {
    }

    /**
     * Why no broker is known yet, for a call that times out while waiting for one: the last failure to learn the
     * brokers, if the latest attempt failed.
     */
    default Optional<Throwable> lastFailure() {
        return Optional.empty();
    }
}
