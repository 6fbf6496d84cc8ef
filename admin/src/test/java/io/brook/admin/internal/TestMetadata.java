package io.brook.admin.internal;

import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.core.ManualTime;
import io.brook.core.internal.metadata.MetadataConfig;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.ManualScheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link MetadataManager} for admin tests, as {@link DefaultAdmin#create} builds it (no topics wanted),
 * with its own scripted sender (client-core's test jar), the test's manual time and scheduler, and a bootstrap
 * resolver that counts its resolutions and answers with {@link #bootstrap}. Metadata max age 300 s, retry backoff
 * 100 ms doubling to 1 s without jitter, rebootstrap trigger 60 s.
 */
final class TestMetadata {
    static final Endpoint BOOTSTRAP = new Endpoint(-1, "bootstrap", 9092);

    final ScriptedRequestSender sender = new ScriptedRequestSender();
    final AtomicInteger resolutions = new AtomicInteger();
    volatile List<Endpoint> bootstrap = List.of(BOOTSTRAP);
    final MetadataManager manager;

    TestMetadata(ManualTime time, ManualScheduler scheduler) {
        this(time, scheduler, MetadataRecoveryStrategy.REBOOTSTRAP);
    }

    TestMetadata(ManualTime time, ManualScheduler scheduler, MetadataRecoveryStrategy strategy) {
        MetadataConfig config = new MetadataConfig("test-admin", 300_000, new ExponentialBackoff(100, 2.0, 1_000, 0.0),
                strategy, 60_000, false);
        manager = new MetadataManager(config, sender, () -> {
            resolutions.incrementAndGet();
            return CompletableFuture.completedFuture(bootstrap);
        }, time, scheduler, WantedTopics.none());
    }

    /** Answers the manager's oldest request: the cluster has brokers {@code ids} ({@code broker<id>:9092}). */
    ScriptedRequestSender.Sent answer(int... ids) {
        return sender.respond(Responses.metadata(ids));
    }

    /** The broker {@code id} as the metadata names it. */
    static Endpoint broker(int id) {
        return new Endpoint(id, "broker" + id, 9092);
    }
}
