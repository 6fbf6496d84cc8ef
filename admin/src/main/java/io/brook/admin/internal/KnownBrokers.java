package io.brook.admin.internal;

import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.DescribeClusterResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The brokers an admin client may send any-broker requests to: the bootstrap addresses until a response lists the
 * live brokers, then those. The admin client needs nothing more of cluster metadata, so instead of refreshing it
 * periodically it learns from the Metadata and DescribeCluster responses its calls receive anyway (see
 * {@link #learningFrom}).
 *
 * <p>Thread-safe: the list is replaced as a whole through a volatile field.
 */
final class KnownBrokers implements BrokerSelector {
    private final List<Endpoint> bootstrap;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<Endpoint> live = List.of();

    /** @param bootstrap the bootstrap addresses (negative node ids); not empty */
    KnownBrokers(List<Endpoint> bootstrap) {
        if (bootstrap.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap address");
        }
        this.bootstrap = List.copyOf(bootstrap);
    }

    @Override
    public Endpoint anyBroker() {
        List<Endpoint> candidates = live.isEmpty() ? bootstrap : live;
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }

    /** The live brokers last learned, empty before any response listed them. */
    List<Endpoint> live() {
        return live;
    }

    /** Replaces the live brokers; an empty list keeps the previous one (a broker never reports no broker). */
    void update(List<Endpoint> brokers) {
        if (!brokers.isEmpty()) {
            live = List.copyOf(brokers);
        }
    }

    /** Learns the brokers listed in {@code response}, if it lists them. */
    void learnFrom(ApiMessage response) {
        List<Endpoint> brokers = new ArrayList<>();
        if (response instanceof MetadataResponse metadata) {
            for (MetadataResponse.MetadataResponseBroker b : metadata.brokers()) {
                brokers.add(new Endpoint(b.nodeId(), b.host(), b.port()));
            }
        } else if (response instanceof DescribeClusterResponse cluster) {
            for (DescribeClusterResponse.DescribeClusterBroker b : cluster.brokers()) {
                brokers.add(new Endpoint(b.brokerId(), b.host(), b.port()));
            }
        }
        update(brokers);
    }

    /** {@code sender}, observed: every response it delivers is {@linkplain #learnFrom learned from} first. */
    RequestSender learningFrom(RequestSender sender) {
        Objects.requireNonNull(sender, "sender");
        return new RequestSender() {
            @Override
            public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage request) {
                return observe(sender.send(endpoint, request));
            }

            @Override
            public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, ApiMessage request,
                    short minVersion, short maxVersion) {
                return observe(sender.send(endpoint, request, minVersion, maxVersion));
            }
        };
    }

    private <R extends ApiMessage> CompletableFuture<R> observe(CompletableFuture<R> response) {
        return response.thenApply(r -> {
            try {
                learnFrom(r);
            } catch (RuntimeException e) {
                // A broker entry Brook cannot use (say, a blank host) must not fail the call that received it.
            }
            return r;
        });
    }
}
