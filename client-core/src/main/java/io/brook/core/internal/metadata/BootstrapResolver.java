package io.brook.core.internal.metadata;

import io.brook.core.internal.network.Endpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns the configured bootstrap names into endpoints to ask for metadata. Called once at start and again
 * whenever the metadata manager re-bootstraps, so that DNS changes behind the bootstrap names are picked up.
 *
 * <p>Implementations are thread-safe and never block the caller (DNS lookups block, so they run elsewhere).
 */
@FunctionalInterface
public interface BootstrapResolver {
    /**
     * @return the endpoints, each with a distinct negative placeholder node id; fails if no name resolves
     */
    CompletableFuture<List<Endpoint>> resolve();

    /** A resolver that always returns {@code endpoints}: for tests and for pre-resolved addresses. */
    static BootstrapResolver fixed(List<Endpoint> endpoints) {
        List<Endpoint> copy = List.copyOf(endpoints);
        return () -> CompletableFuture.completedFuture(copy);
    }
}
