package io.brook.consumer.internal;

import io.brook.common.Deserializer;
import io.brook.common.Deserializers;
import io.brook.common.config.BootstrapAddress;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.common.config.ConfigException;
import io.brook.common.config.ConfigKey;
import io.brook.common.config.ConsumerConfigs;
import io.brook.common.errors.BrookException;
import io.brook.common.event.ClientEventListener;
import io.brook.consumer.internal.assignor.Assignors;
import io.brook.core.Time;
import io.brook.core.internal.config.ClientIds;
import io.brook.core.internal.config.NetworkConfigs;
import io.brook.core.internal.event.EventDispatcher;
import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.event.EventingRequestSender;
import io.brook.core.internal.metadata.DnsBootstrapResolver;
import io.brook.core.internal.metadata.MetadataConfig;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.TopicMetadata;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.metrics.Meters;
import io.brook.core.internal.network.ConnectionRole;
import io.brook.core.internal.network.NetworkClient;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.CallbackExecutor;
import io.brook.core.internal.util.ThreadScheduler;
import io.brook.protocol.Errors;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one consumer is made of, wired together from its configuration, and the order in which it is taken
 * apart on close. Built on the creating thread; afterwards the fields are read by the polling thread and the parts
 * run on their own threads as their Javadoc says.
 */
final class ConsumerParts<K, V> {
    private static final Logger log = LoggerFactory.getLogger(ConsumerParts.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    final ConsumerSettings settings;
    final Deserializer<K> keys;
    final Deserializer<V> values;
    final Time time;
    final NetworkClient network;
    /** Requests to partition leaders and any broker (the default connections). */
    final RequestSender sender;
    final ThreadScheduler scheduler;
    final MetadataManager metadata;
    final Signal signal;
    final SecurityFailures securityFailures;
    /** When the application's last poll() started (monotonic ms); written by the polling thread. */
    final AtomicLong lastPollMs;
    final SubscriptionState subscriptions;
    final FetchBuffer buffer;
    final RecordCollector<K, V> collector;
    final ConsumerObserver observer;
    final RebalanceRunner rebalances;
    final GroupMembership membership;
    final OffsetCommitter committer;
    final BackgroundLoop loop;
    final Waits waits;
    final CallbackExecutor callbacks;
    final EventSink events;
    final Meters meters;

    @SuppressWarnings("unchecked") // configured deserializers are the user's promise of K and V, as in Kafka
    ConsumerParts(Map<String, ?> rawConfig, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            ClientEventListener listener, Object meterRegistry) {
        ClientConfig config = ConsumerConfigs.DEFINITION.parse(normalize(rawConfig));
        String groupId = config.get(ConsumerConfigs.GROUP_ID);
        String clientId = ClientIds.effective(config, groupId == null ? "consumer" : "consumer-" + groupId);
        this.settings = ConsumerSettings.from(config, clientId);
        check(config);
        warnNoEffect(config, clientId);
        this.keys = keyDeserializer != null ? keyDeserializer
                : (Deserializer<K>) configured(config, ConsumerConfigs.KEY_DESERIALIZER, "key");
        this.values = valueDeserializer != null ? valueDeserializer
                : (Deserializer<V>) configured(config, ConsumerConfigs.VALUE_DESERIALIZER, "value");
        this.time = Time.SYSTEM;
        this.events = EventDispatcher.forListener(clientId, listener);
        this.meters = meterRegistry == null ? Meters.none() : Meters.micrometer(meterRegistry, clientId);
        this.network = new NetworkClient(NetworkConfigs.builder(config, clientId).events(events).build(), time);
        this.scheduler = new ThreadScheduler("brook-" + clientId + "-consumer");
        long requestTimeoutMs = settings.requestTimeoutMs();
        this.signal = new Signal();
        this.securityFailures = new SecurityFailures(signal);
        WakingSender waking = new WakingSender(EventingRequestSender.wrap(network.sender(scheduler), events,
                clientId, time, requestTimeoutMs), securityFailures);
        WakingSender wakingCoordinator = new WakingSender(EventingRequestSender.wrap(network.sender(scheduler,
                ConnectionRole.COORDINATOR), events, clientId, time, requestTimeoutMs), securityFailures);
        this.sender = waking;
        RequestSender coordinatorSender = wakingCoordinator;
        List<BootstrapAddress> bootstrap = config.get(CommonConfigs.BOOTSTRAP_SERVERS).stream()
                .map(BootstrapAddress::parse).toList();
        this.metadata = new MetadataManager(MetadataConfig.from(config, clientId, settings.allowAutoCreateTopics()),
                sender, DnsBootstrapResolver.system(bootstrap, config.get(CommonConfigs.CLIENT_DNS_LOOKUP),
                        network.lookupExecutor()), time, scheduler, WantedTopics.none());
        this.lastPollMs = new AtomicLong(time.monotonicMs());
        this.subscriptions = new SubscriptionState(settings.resetStrategy(), groupId != null,
                settings.isolationLevel(), signal);
        this.buffer = new FetchBuffer(settings.fetchMaxBytes());
        this.observer = new ConsumerObserver(clientId, groupId, events, meters, time, subscriptions);
        this.rebalances = new RebalanceRunner(clientId, subscriptions, observer, settings.autoCommit());
        LoopHolder holder = new LoopHolder();
        this.membership = groupId == null ? null : new GroupMembership(settings,
                Assignors.create(settings.assignors()), groupSubscription(), topicCounts(holder),
                rebalances.sink(), observer);
        this.committer = groupId == null ? null : new OffsetCommitter(settings, membership, coordinatorSender, time,
                observer);
        PositionUpdater positions = new PositionUpdater(settings, subscriptions, metadata, sender, committer, time);
        Fetcher fetcher = new Fetcher(settings, subscriptions, buffer, metadata, sender, ByteBufAllocator.DEFAULT,
                time, observer);
        this.loop = new BackgroundLoop(settings, scheduler, scheduler, time, subscriptions, metadata, sender,
                coordinatorSender, membership, committer, positions, fetcher, lastPollMs::get);
        holder.loop = loop;
        waking.wakes(loop);
        wakingCoordinator.wakes(loop);
        this.collector = new RecordCollector<>(subscriptions, buffer, keys, values, loop::wake);
        this.waits = new Waits(signal, time);
        this.callbacks = new CallbackExecutor(clientId);
        // The metadata manager starts with the first subscription or assignment (BackgroundLoop.updateWantedTopics),
        // so that its first request already asks for the consumer's topics.
    }

    /** Lets the group state machine reach the loop, which is built after it. */
    private static final class LoopHolder {
        BackgroundLoop loop;
    }

    private GroupMembership.Subscription groupSubscription() {
        return new GroupMembership.Subscription() {
            @Override
            public boolean active() {
                return subscriptions.isGroupSubscription();
            }

            @Override
            public Set<String> topics() {
                return subscriptions.subscribedTopics();
            }

            @Override
            public int version() {
                return subscriptions.subscriptionVersion();
            }
        };
    }

    private GroupMembership.TopicCounts topicCounts(LoopHolder holder) {
        return new GroupMembership.TopicCounts() {
            @Override
            public int partitionCount(String topic) {
                Optional<TopicMetadata> t = metadata.snapshot().topic(topic);
                if (t.isEmpty()) {
                    return -1;
                }
                Errors error = t.get().error();
                if (error == Errors.NONE) {
                    return t.get().partitions().size();
                }
                return error == Errors.UNKNOWN_TOPIC_OR_PARTITION || error == Errors.INVALID_TOPIC_EXCEPTION
                        || error == Errors.TOPIC_AUTHORIZATION_FAILED ? 0 : -1;
            }

            @Override
            public void want(Set<String> topics) {
                holder.loop.wantLeaderTopics(topics);
            }
        };
    }

    // ---- configuration ----------------------------------------------------------------------------------------

    /** kafka-clients users may name deserializers by Class: Brook takes their names. */
    private static Map<String, Object> normalize(Map<String, ?> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, v instanceof Class<?> c ? c.getName() : v));
        return out;
    }

    private static void check(ClientConfig config) {
        int session = config.get(ConsumerConfigs.SESSION_TIMEOUT_MS);
        int heartbeat = config.get(ConsumerConfigs.HEARTBEAT_INTERVAL_MS);
        if (heartbeat >= session) {
            throw new ConfigException(ConsumerConfigs.HEARTBEAT_INTERVAL_MS.name(), "heartbeat.interval.ms ("
                    + heartbeat + ") must be lower than session.timeout.ms (" + session + ")");
        }
        if (config.get(ConsumerConfigs.GROUP_INSTANCE_ID) != null && config.get(ConsumerConfigs.GROUP_ID) == null) {
            throw new ConfigException(ConsumerConfigs.GROUP_INSTANCE_ID.name(), "group.instance.id needs group.id");
        }
    }

    private static void warnNoEffect(ClientConfig config, String clientId) {
        for (ConfigKey<?> key : ConsumerConfigs.NO_EFFECT) {
            if (config.isExplicit(key) && WARNED.add(key.name())) {
                log.warn("[{}] Configuration key '{}' has no effect in Brook: {}", clientId, key.name(),
                        key.documentation());
            }
        }
    }

    private static Deserializer<?> configured(ClientConfig config, ConfigKey<String> key, String which) {
        String name = config.get(key);
        if (name == null) {
            throw new ConfigException(key.name(), "No " + which + " deserializer: pass one to Consumer.create, or "
                    + "set " + key.name() + " to one of Kafka's String, ByteArray, Long or Integer deserializers");
        }
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return switch (simple) {
            case "StringDeserializer" -> Deserializers.string();
            case "ByteArrayDeserializer" -> Deserializers.bytes();
            case "LongDeserializer" -> Deserializers.longs();
            case "IntegerDeserializer" -> Deserializers.integers();
            default -> throw new ConfigException(key.name(), "Unsupported " + key.name() + " " + name);
        };
    }

    // ---- shutdown ---------------------------------------------------------------------------------------------

    /**
     * Stops everything within {@code timeout}: no more background passes, metadata and network closed, responses
     * already handed to the background thread processed, fetched data released, threads ended.
     */
    void shutdown(Duration timeout, BrookException closedError) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        loop.stop();
        metadata.close();
        if (committer != null) {
            runOnLoop(() -> committer.failAll(closedError), remaining(deadlineNs));
        }
        network.close(Duration.ofMillis(remaining(deadlineNs)));
        // Responses already queued for the background thread run now (they may buffer data), then the buffer goes.
        runOnLoop(() -> { }, remaining(deadlineNs));
        collector.close();
        scheduler.shutdown(Duration.ofMillis(remaining(deadlineNs)));
        collector.close();
        callbacks.close();
        if (events instanceof EventDispatcher d) {
            d.close();
        }
        meters.close();
    }

    private void runOnLoop(Runnable task, long timeoutMs) {
        CountDownLatch done = new CountDownLatch(1);
        try {
            scheduler.execute(() -> {
                try {
                    task.run();
                } finally {
                    done.countDown();
                }
            });
            done.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("[{}] Could not run a shutdown step on the background thread: {}", settings.clientId(),
                    e.toString());
        }
    }

    private static long remaining(long deadlineNs) {
        // Close timeouts are real time by nature: they bound how long the caller's thread is blocked.
        return Math.max(0L, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
    }
}
