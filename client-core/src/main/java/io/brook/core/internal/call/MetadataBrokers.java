package io.brook.core.internal.call;

import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.network.Endpoint;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A client's brokers, as its {@link MetadataManager} knows them: requests any broker can answer go to the
 * broker that has not failed, or failed longest ago; brokers that give no response (no connection, or no response
 * in time) are reported to the manager, which avoids them, refreshes, and goes back to the bootstrap names
 * (resolving them again) when every known broker failed. Until the first answer, and while it goes back to the
 * bootstrap names, {@link #anyBroker()} waits for the refresh that names the brokers.
 *
 * <p>Thread-safe: stateless itself; the manager guards its own state.
 */
public final class MetadataBrokers implements BrokerSelector {
    private final MetadataManager metadata;

    public MetadataBrokers(MetadataManager metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public CompletableFuture<Endpoint> anyBroker() {
        Endpoint now = metadata.chooseBroker().orElse(null);
        if (now != null) {
            return CompletableFuture.completedFuture(now);
        }
        // A retriable failure keeps the update pending until a refresh succeeds; the call's deadline bounds the wait.
        // If a broker fails again between the answer and this choice, null sends the call into its retry backoff.
        return metadata.requestUpdate().thenApply(snapshot -> metadata.chooseBroker().orElse(null));
    }

    @Override
    public void failed(Endpoint broker, Throwable error) {
        // Only the broker's silence counts: an error it answered with, or a version it lacks, says it is reachable.
        if (error instanceof NetworkException || error instanceof TimeoutException) {
            metadata.brokerFailed(broker);
        }
    }

    @Override
    public void answered(Endpoint broker) {
        metadata.brokerAnswered(broker);
    }

    @Override
    public Optional<Throwable> lastFailure() {
        return metadata.lastError();
    }
}
