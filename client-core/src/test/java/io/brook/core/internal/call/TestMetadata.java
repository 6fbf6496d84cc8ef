package io.brook.core.internal.call;

import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.core.ManualTime;
import io.brook.core.internal.metadata.MetadataConfig;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.ManualScheduler;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link MetadataManager} for call tests (client-core's test jar), as the admin client builds it (no topics
 * wanted), with its own scripted sender, the test's manual time and scheduler, and a bootstrap resolver that
 * counts its resolutions and answers with {@link #bootstrap}. Metadata max age 300 s, retry backoff 100 ms doubling
 * to 1 s without jitter, rebootstrap trigger 60 s.
 */
public final class TestMetadata {
    public static final Endpoint BOOTSTRAP = new Endpoint(-1, "bootstrap", 9092);

    public final ScriptedRequestSender sender = new ScriptedRequestSender();
    public final AtomicInteger resolutions = new AtomicInteger();
    public volatile List<Endpoint> bootstrap = List.of(BOOTSTRAP);
    public final MetadataManager manager;

    public TestMetadata(ManualTime time, ManualScheduler scheduler) {
        this(time, scheduler, MetadataRecoveryStrategy.REBOOTSTRAP);
    }

    public TestMetadata(ManualTime time, ManualScheduler scheduler, MetadataRecoveryStrategy strategy) {
        MetadataConfig config = new MetadataConfig("test-admin", 300_000, new ExponentialBackoff(100, 2.0, 1_000, 0.0),
                strategy, 60_000, false);
        manager = new MetadataManager(config, sender, () -> {
            resolutions.incrementAndGet();
            return CompletableFuture.completedFuture(bootstrap);
        }, time, scheduler, WantedTopics.none());
    }

    /** Answers the manager's oldest request: the cluster has brokers {@code ids} ({@code broker<id>:9092}). */
    public ScriptedRequestSender.Sent answer(int... ids) {
        return sender.respond(brokers(ids));
    }

    /** A Metadata response naming brokers {@code ids} ({@code broker<id>:9092}), controller 1, no topics. */
    public static MetadataResponse brokers(int... ids) {
        List<MetadataResponse.MetadataResponseBroker> brokers = new ArrayList<>();
        for (int id : ids) {
            brokers.add(MetadataResponse.MetadataResponseBroker.builder().nodeId(id).host("broker" + id)
                    .port(9092).build());
        }
        return MetadataResponse.builder().brokers(brokers).clusterId("cluster-1").controllerId(1).build();
    }

    /** The broker {@code id} as the metadata names it. */
    public static Endpoint broker(int id) {
        return new Endpoint(id, "broker" + id, 9092);
    }
}
