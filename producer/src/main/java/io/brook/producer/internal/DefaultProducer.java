package io.brook.producer.internal;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.Header;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.Serializer;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.common.config.ProducerConfigs;
import io.brook.common.config.ProducerOptions;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.RecordTooLargeException;
import io.brook.common.errors.SerializationException;
import io.brook.common.event.ClientEventListener;
import io.brook.core.Time;
import io.brook.core.internal.config.ClientIds;
import io.brook.core.internal.config.NetworkConfigs;
import io.brook.core.internal.event.EventDispatcher;
import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.event.EventingRequestSender;
import io.brook.core.internal.metadata.DnsBootstrapResolver;
import io.brook.core.internal.metadata.MetadataConfig;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.metrics.Meters;
import io.brook.core.internal.network.ConnectionRole;
import io.brook.core.internal.network.HostResolver;
import io.brook.core.internal.network.NetworkClient;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.CallbackExecutor;
import io.brook.producer.Partitioner;
import io.brook.producer.Producer;
import io.brook.producer.ProducerClosedException;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import io.brook.protocol.record.RecordBatchBuilder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Producer}: a facade over the send path ({@link RecordIntake} into the {@link RecordAccumulator}), the
 * sender thread ({@link SenderLoop} driving the {@link Sender}), the metadata manager, the network client, the
 * callback executor, and the event and metrics sinks.
 *
 * <p>Threads (all named {@code brook-<clientId>-...}, all stopped by close): the Netty event loops ({@code io-<n>})
 * and lookup threads ({@code dns-<n>}) of the network client, the sender thread ({@code producer-sender}), the
 * callback threads ({@code callbacks-<n>}) and, with a listener, the event thread ({@code events}).
 *
 * <p>Thread-safe: {@link #send} from any number of threads; {@link #flush} and {@link #close} too.
 */
public final class DefaultProducer<K, V> implements Producer<K, V> {
    private static final Logger log = LoggerFactory.getLogger(DefaultProducer.class);
    /** Batches live in pooled direct memory: no zeroing, no GC, reused across batches. */
    static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;
    /** close() waits this long: as good as forever, and still representable in nanoseconds. */
    private static final Duration FOREVER = Duration.ofDays(36_500);

    private final String clientId;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final SenderSettings settings;
    private final long bufferMemory;
    private final Time time;
    private final RecordAccumulator accumulator;
    private final RecordIntake intake;
    private final Sender sender;
    private final SenderLoop loop;
    private final TransactionCalls transactions;
    private final MetadataManager metadata;
    private final NetworkClient network;
    private final CallbackExecutor callbacks;
    private final EventSink events;
    private final Meters meters;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean refusing;

    private DefaultProducer(Parts<K, V> p) {
        this.clientId = p.clientId;
        this.keySerializer = p.keySerializer;
        this.valueSerializer = p.valueSerializer;
        this.settings = p.settings;
        this.bufferMemory = p.bufferMemory;
        this.time = p.time;
        this.network = p.network;
        this.loop = p.loop;
        this.events = p.events;
        this.meters = p.meters;
        this.callbacks = p.callbacks;
        this.metadata = p.metadata;
        ProducerCore core = new ProducerCore(settings, p.compression, bufferMemory, p.partitioner, p.ignoreKeys,
                ALLOCATOR, time, p.requests, p.coordinatorRequests, metadata, loop,
                broker -> network.connect(broker).thenApplyAsync(versions -> versions, loop), callbacks, events,
                meters, loop::wakeup);
        this.accumulator = core.accumulator;
        this.intake = core.intake;
        this.sender = core.sender;
        this.transactions = new TransactionCalls(clientId, core.transactions, loop, time, settings.maxBlockMs(),
                this::flush);
        loop.cycle(sender::poll);
        metadata.addListener(snapshot -> loop.wakeup());
    }

    /**
     * Starts a producer.
     *
     * @param meterRegistry a Micrometer {@code MeterRegistry}, or null
     * @throws io.brook.common.config.ConfigException if the configuration is inconsistent
     */
    public static <K, V> DefaultProducer<K, V> create(ProducerOptions options, Serializer<K> keySerializer,
            Serializer<V> valueSerializer, Partitioner partitioner, ClientEventListener listener,
            Object meterRegistry) {
        Objects.requireNonNull(options, "options");
        ClientConfig config = options.config();
        String clientId = ClientIds.effective(config, "producer");
        Parts<K, V> p = new Parts<>();
        p.clientId = clientId;
        p.settings = ProducerSetup.settings(options, clientId);
        p.keySerializer = ProducerSetup.serializer(keySerializer, config, ProducerConfigs.KEY_SERIALIZER);
        p.valueSerializer = ProducerSetup.serializer(valueSerializer, config, ProducerConfigs.VALUE_SERIALIZER);
        p.partitioner = ProducerSetup.partitioner(partitioner, config);
        p.ignoreKeys = options.partitionerIgnoreKeys();
        p.compression = options.compression();
        p.bufferMemory = options.bufferMemory();
        p.time = Time.SYSTEM;
        // As kafka-clients does: a bootstrap list of which not one name resolves fails here, not on every send.
        new DnsBootstrapResolver(options.bootstrapServers(), config.get(CommonConfigs.CLIENT_DNS_LOOKUP),
                HostResolver.SYSTEM, Runnable::run).requireResolvable();
        p.events = EventDispatcher.forListener(clientId, listener);
        try {
            p.network = new NetworkClient(NetworkConfigs.builder(config, clientId).events(p.events).build(), p.time);
        } catch (RuntimeException e) {
            closeEvents(p.events);
            throw e;
        }
        try {
            p.loop = new SenderLoop(clientId, p.time);
            p.meters = meterRegistry == null ? Meters.none() : Meters.micrometer(meterRegistry, clientId);
            p.callbacks = new CallbackExecutor(clientId);
            p.requests = EventingRequestSender.wrap(p.network.sender(p.loop), p.events, clientId, p.time,
                    p.settings.requestTimeoutMs());
            p.coordinatorRequests = EventingRequestSender.wrap(p.network.sender(p.loop, ConnectionRole.COORDINATOR),
                    p.events, clientId, p.time, p.settings.requestTimeoutMs());
            p.metadata = new MetadataManager(MetadataConfig.from(config, clientId, true), p.requests,
                    DnsBootstrapResolver.system(options.bootstrapServers(), config.get(CommonConfigs.CLIENT_DNS_LOOKUP),
                            p.network.lookupExecutor()), p.time, p.loop, WantedTopics.none());
            DefaultProducer<K, V> producer = new DefaultProducer<>(p);
            p.metadata.start();
            log.debug("Producer {} started: {}", clientId, p.settings);
            return producer;
        } catch (RuntimeException e) {
            p.network.close(Duration.ofSeconds(5));
            if (p.loop != null) {
                p.loop.shutdown(Duration.ofSeconds(1));
            }
            closeEvents(p.events);
            throw e;
        }
    }

    private static void closeEvents(EventSink events) {
        if (events instanceof EventDispatcher d) {
            d.close(Duration.ofSeconds(1));
        }
    }

    /** What {@link #create} assembles before the constructor wires it. */
    private static final class Parts<K, V> {
        String clientId;
        SenderSettings settings;
        Serializer<K> keySerializer;
        Serializer<V> valueSerializer;
        Partitioner partitioner;
        boolean ignoreKeys;
        io.brook.protocol.compress.Compression compression;
        long bufferMemory;
        Time time;
        NetworkClient network;
        SenderLoop loop;
        EventSink events;
        Meters meters;
        CallbackExecutor callbacks;
        RequestSender requests;
        RequestSender coordinatorRequests;
        MetadataManager metadata;
    }

    /** The client id, as configured or generated ({@code producer-<n>}). */
    public String clientId() {
        return clientId;
    }

    // ---- send ----------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
        Objects.requireNonNull(record, "record");
        String topic = record.topic();
        if (refusing) {
            return CompletableFuture.failedFuture(new ProducerClosedException("Producer " + clientId
                    + " is closed: cannot send to topic '" + topic + "'"));
        }
        BrookException txnError = transactions.checkSend(topic);
        if (txnError != null) {
            return CompletableFuture.failedFuture(txnError);
        }
        byte[] keyBytes;
        byte[] valueBytes;
        try {
            keyBytes = keySerializer.serialize(topic, record.key());
            valueBytes = valueSerializer.serialize(topic, record.value());
        } catch (SerializationException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new SerializationException("Could not serialize a record for topic '"
                    + topic + "': " + e, e));
        }
        List<Header> headers = record.headers();
        int upperBound = RecordBatchBuilder.batchSizeUpperBound(keyBytes == null ? -1 : keyBytes.length,
                valueBytes == null ? -1 : valueBytes.length, headers);
        if (upperBound > settings.maxRequestSize() || upperBound > bufferMemory) {
            return CompletableFuture.failedFuture(tooLarge(topic, upperBound));
        }
        long timestamp = record.timestamp() != null ? record.timestamp() : time.milliseconds();
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        try {
            intake.add(topic, record.partition() == null ? -1 : record.partition(), record.key(), keyBytes,
                    record.value(), valueBytes, timestamp, headers, future, upperBound);
        } catch (BrookException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return future;
    }

    private RecordTooLargeException tooLarge(String topic, int size) {
        boolean request = size > settings.maxRequestSize();
        return new RecordTooLargeException("The record for topic '" + topic + "' is " + size + " bytes as a batch of "
                + "its own, larger than " + (request ? "max.request.size (" + settings.maxRequestSize()
                : "buffer.memory (" + bufferMemory) + " bytes); it was not sent");
    }

    // ---- transactions ----------------------------------------------------------------------------------------------

    @Override
    public void initTransactions() {
        transactions.init();
    }

    @Override
    public void beginTransaction() {
        transactions.begin();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
            ConsumerGroupMetadata groupMetadata) {
        transactions.sendOffsets(offsets, groupMetadata);
    }

    @Override
    public void commitTransaction() {
        transactions.commit();
    }

    @Override
    public void abortTransaction() {
        transactions.abort();
    }

    // ---- flush ---------------------------------------------------------------------------------------------------

    @Override
    public void flush() {
        accumulator.beginFlush();
        try {
            loop.wakeup();
            awaitAll(accumulator.pendingFutures(), accumulator.incompleteBatches(), Long.MAX_VALUE);
        } finally {
            accumulator.endFlush();
        }
    }

    /**
     * Waits for the given records and batches to complete, up to the monotonic {@code deadlineNs}.
     *
     * @return whether all completed in time
     */
    private boolean awaitAll(List<CompletableFuture<RecordMetadata>> records, List<ProducerBatch> batches,
            long deadlineNs) {
        try {
            for (CompletableFuture<RecordMetadata> f : records) {
                if (!await(f, deadlineNs)) {
                    return false;
                }
            }
            for (ProducerBatch b : batches) {
                if (!await(b.done, deadlineNs)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrookException("Interrupted while waiting for producer " + clientId + "'s records", e);
        }
    }

    private boolean await(CompletableFuture<?> f, long deadlineNs) throws InterruptedException {
        if (f.isDone()) {
            return true;
        }
        try {
            if (deadlineNs == Long.MAX_VALUE) {
                f.get();
            } else {
                long leftNs = deadlineNs - time.nanoseconds();
                if (leftNs <= 0) {
                    return false;
                }
                f.get(leftNs, TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            // Failed records are complete too.
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
        return true;
    }

    // ---- close ---------------------------------------------------------------------------------------------------

    @Override
    public void close() {
        close(FOREVER);
    }

    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Duration wait = timeout.isNegative() ? Duration.ZERO : timeout.compareTo(FOREVER) > 0 ? FOREVER : timeout;
        if (callbacks.isOwnThread() && !wait.isZero()) {
            log.warn("[{}] close() called from a callback of this producer: not waiting for pending records (a "
                    + "callback cannot wait for the callbacks queued behind it)", clientId);
            wait = Duration.ZERO;
        }
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Another close is under way; it completes on its own.
            }
            return;
        }
        long deadlineNs = time.nanoseconds() + wait.toNanos();
        try {
            shutdown(wait, deadlineNs);
        } finally {
            closed.complete(null);
        }
    }

    private void shutdown(Duration wait, long deadlineNs) {
        refusing = true;
        accumulator.close();
        accumulator.pool().close();
        loop.wakeup();
        boolean complete = awaitAll(accumulator.pendingFutures(), accumulator.incompleteBatches(),
                wait.compareTo(FOREVER) >= 0 ? Long.MAX_VALUE : deadlineNs);
        if (!complete) {
            ProducerClosedException error = new ProducerClosedException("Producer " + clientId + " was closed before "
                    + "this record completed (close timeout " + wait.toMillis() + " ms); if it was already sent, it "
                    + "may or may not have been written");
            if (!loop.runAndWait(() -> sender.abort(error), remaining(deadlineNs, Duration.ofSeconds(5)))) {
                log.warn("[{}] The sender thread did not abort pending records in time", clientId);
            }
        }
        metadata.close();
        Duration grace = Duration.ofSeconds(5);
        network.close(remaining(deadlineNs, grace));
        // Requests failed by the network's close hand their batches back to the sender thread: let them through
        // (their buffers are released there) before the thread stops.
        loop.runAndWait(accumulator::freeBuffers, remaining(deadlineNs, grace));
        loop.shutdown(remaining(deadlineNs, grace));
        callbacks.close(remaining(deadlineNs, grace));
        if (events instanceof EventDispatcher d) {
            d.close(remaining(deadlineNs, grace));
        }
        meters.close();
        log.debug("[{}] Producer closed", clientId);
    }

    /** What is left until {@code deadlineNs}, but at least {@code floor} for the final clean-up steps. */
    private Duration remaining(long deadlineNs, Duration floor) {
        long leftNs = deadlineNs - time.nanoseconds();
        return leftNs > floor.toNanos() ? Duration.ofNanos(Math.min(leftNs, floor.toNanos() * 6)) : floor;
    }
}
