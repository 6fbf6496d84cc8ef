package io.brook.core.internal.metadata;

import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.UnresolvedHostException;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O of one metadata refresh attempt, without its bookkeeping: resolves the bootstrap names, builds and sends
 * the Metadata request for the wanted topics, and judges the answer ({@link #judge}). Starting a step never throws:
 * a failure to start is a failed future, so that every failure takes the same path.
 *
 * <p>Immutable and thread-safe. Owned by {@link MetadataManager}, which applies the results under its lock.
 */
final class RefreshAttempts {
    private static final Logger log = LoggerFactory.getLogger(RefreshAttempts.class);

    private final MetadataConfig config;
    private final RequestSender sender;
    private final BootstrapResolver bootstrapResolver;

    RefreshAttempts(MetadataConfig config, RequestSender sender, BootstrapResolver bootstrapResolver) {
        this.config = Objects.requireNonNull(config, "config");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.bootstrapResolver = Objects.requireNonNull(bootstrapResolver, "bootstrapResolver");
    }

    /**
     * What an answer means for the attempt that asked.
     *
     * @param result the answer mapped onto the previous snapshot, or null if the answer is unusable
     * @param error why the answer is unusable, or null
     * @param retriable whether callers waiting for the attempt should wait for the retry
     * @param rebootstrap whether the broker told the client to go back to the bootstrap endpoints
     */
    record Verdict(MetadataResponseMapper.Result result, Throwable error, boolean retriable, boolean rebootstrap) {
        static Verdict failed(Throwable error, boolean retriable) {
            return new Verdict(null, error, retriable, false);
        }
    }

    /** Resolves the bootstrap names; fails if they resolve to nothing. */
    CompletableFuture<List<Endpoint>> resolveBootstrap() {
        CompletableFuture<List<Endpoint>> resolution;
        try {
            resolution = bootstrapResolver.resolve();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return resolution.thenApply(endpoints -> {
            if (endpoints == null || endpoints.isEmpty()) {
                throw new UnresolvedHostException("bootstrap.servers", "bootstrap.servers resolved to no address", null);
            }
            return endpoints;
        });
    }

    /** Asks {@code target} for the metadata of {@code topics}. */
    CompletableFuture<MetadataResponse> fetch(Endpoint target, WantedTopics topics) {
        log.debug("[{}] Requesting metadata for {} from {}", config.clientId(), topics, target);
        try {
            return sender.send(target, request(topics));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Judges the answer of {@code target}: a top-level error, an answer listing no broker, or one that does not
     * map (a broker id listed twice, say) makes the attempt a failure; anything else is mapped onto
     * {@code previous}, partition by partition (see {@link MetadataResponseMapper}).
     */
    Verdict judge(Endpoint target, MetadataResponse response, ClusterSnapshot previous,
            Map<TopicPartition, Integer> lastSeenEpochs, long nowMs) {
        Errors topLevel = Errors.forCode(response.errorCode());
        if (topLevel != Errors.NONE) {
            boolean rebootstrap = topLevel == Errors.REBOOTSTRAP_REQUIRED;
            // REBOOTSTRAP_REQUIRED is not retriable as such, but asking the bootstrap endpoints is the retry.
            return new Verdict(null, topLevel.exception("Metadata request to " + target + " failed with " + topLevel
                    + ": " + topLevel.defaultMessage()), topLevel.isRetriable() || rebootstrap, rebootstrap);
        }
        if (response.brokers().isEmpty()) {
            return Verdict.failed(new BrookException("Metadata response from " + target + " lists no brokers"), true);
        }
        try {
            return new Verdict(MetadataResponseMapper.map(response, previous, lastSeenEpochs, nowMs), null, true,
                    false);
        } catch (RuntimeException e) {
            // A broker answered nonsense: like a failed attempt, another broker may answer sensibly.
            return Verdict.failed(new BrookException("Invalid metadata response from " + target + ": "
                    + e.getMessage(), e), true);
        }
    }

    /** Whether callers waiting for an attempt that failed with {@code error} should wait for the retry. */
    static boolean isRetriable(Throwable error) {
        // Failures that are not Brook's typed exceptions (e.g. an unexpected runtime exception from the sender)
        // are treated as transient: the next attempt may go to another broker.
        return !(error instanceof BrookException b) || b.isRetriable();
    }

    private MetadataRequest request(WantedTopics topics) {
        List<MetadataRequest.MetadataRequestTopic> requestTopics = topics.all() ? null
                : topics.names().stream().map(n -> MetadataRequest.MetadataRequestTopic.builder().name(n).build())
                        .toList();
        // Only fields every supported version carries, or that are ignorable, so the negotiated version decides.
        return MetadataRequest.builder()
                .topics(requestTopics)
                .allowAutoTopicCreation(config.allowAutoTopicCreation())
                .build();
    }
}
