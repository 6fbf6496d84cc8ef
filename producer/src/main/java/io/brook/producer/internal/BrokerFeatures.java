package io.brook.producer.internal;

import io.brook.core.internal.network.BrokerApiVersions;
import io.brook.core.internal.network.Endpoint;
import java.util.concurrent.CompletableFuture;

/**
 * What a broker said in its ApiVersions handshake (APIs and finalized features), for the choice of the
 * {@link TransactionProtocol}. The future must complete on the sender thread.
 */
@FunctionalInterface
interface BrokerFeatures {
    CompletableFuture<BrokerApiVersions> of(Endpoint broker);
}
