package io.brook.core.internal.metadata;

import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.core.ManualTime;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.ManualScheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The collaborators of a {@link MetadataManager} under test: manual time and scheduler, a scripted sender and a
 * counting bootstrap resolver. Metadata max age 300 s, retry backoff 100 ms doubling to 1 s without jitter.
 */
class MetadataManagerFixture {
    static final long MAX_AGE_MS = 300_000;
    static final long TRIGGER_MS = 60_000;

    final ManualTime time = new ManualTime();
    final ManualScheduler scheduler = new ManualScheduler(time);
    final ScriptedRequestSender sender = new ScriptedRequestSender();
    final AtomicInteger resolutions = new AtomicInteger();
    volatile List<Endpoint> bootstrap = List.of(new Endpoint(-1, "10.0.0.1", 9092), new Endpoint(-2, "10.0.0.2", 9092));
    volatile RuntimeException resolutionFailure;

    final BootstrapResolver resolver = () -> {
        resolutions.incrementAndGet();
        return resolutionFailure != null ? CompletableFuture.failedFuture(resolutionFailure)
                : CompletableFuture.completedFuture(bootstrap);
    };

    MetadataManager manager(MetadataRecoveryStrategy strategy, WantedTopics wanted, boolean autoCreate) {
        MetadataConfig config = new MetadataConfig("test-client", MAX_AGE_MS,
                new ExponentialBackoff(100, 2.0, 1_000, 0.0), strategy, TRIGGER_MS, autoCreate);
        return new MetadataManager(config, sender, resolver, time, scheduler, wanted);
    }

    MetadataManager manager() {
        return manager(MetadataRecoveryStrategy.REBOOTSTRAP, WantedTopics.allTopics(), false);
    }

    /** The endpoint of the most recent request. */
    Endpoint lastTarget() {
        List<ScriptedRequestSender.Sent> sent = sender.sent();
        return sent.get(sent.size() - 1).endpoint();
    }
}
