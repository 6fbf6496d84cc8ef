package io.brook.producer.internal;

import io.brook.core.Time;
import io.brook.core.internal.call.CoordinatorLookup;
import io.brook.core.internal.call.MetadataBrokers;
import io.brook.core.internal.event.EventSink;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metrics.Meters;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Scheduler;
import io.brook.producer.Partitioner;
import io.brook.protocol.compress.Compression;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.Executor;

/**
 * The producer's working parts wired together, independent of threads and sockets: the send path
 * ({@link RecordIntake}, {@link RecordAccumulator}) and the sender state machine with its helpers. The
 * {@link DefaultProducer} gives it a real network client, a sender thread and a callback executor; tests give it
 * manual time, a fake cluster and a direct executor, and drive {@link Sender#poll} themselves.
 */
final class ProducerCore {
    final SenderSettings settings;
    final BufferPool pool;
    final RecordAccumulator accumulator;
    final RecordIntake intake;
    final TopicRoutings routings;
    final Idempotence idempotence;
    final TransactionManager transactions;
    final ProducerMetrics metrics;
    final Sender sender;

    /**
     * @param requests where requests go; their futures must complete on the sender's thread
     * @param callbacks where record futures are completed
     * @param coordinatorRequests where transaction requests go (the coordinators' own connections, so that they do
     *     not queue behind Produce requests); futures on the sender's thread
     * @param timers the sender thread's timers (retries of transaction requests)
     * @param features the brokers' handshake answers (the transaction protocol's choice)
     * @param wake asks for a sender cycle soon
     */
    ProducerCore(SenderSettings settings, Compression compression, long bufferMemory, Partitioner partitioner,
            boolean ignoreKeys, ByteBufAllocator alloc, Time time, RequestSender requests,
            RequestSender coordinatorRequests, MetadataManager metadata, Scheduler timers, BrokerFeatures features, Executor callbacks, EventSink events, Meters meters,
            Runnable wake) {
        this.settings = settings;
        this.pool = new BufferPool(bufferMemory, time);
        this.metrics = new ProducerMetrics(meters, pool::availableBytes);
        TopicRoutings[] later = new TopicRoutings[1];
        this.accumulator = new RecordAccumulator(pool, alloc, compression, settings.batchSize(), time, wake,
                t -> later[0].wantTopic(t));
        this.intake = new RecordIntake(accumulator, new RecordRouter(partitioner, ignoreKeys), time,
                settings.maxBlockMs());
        this.routings = new TopicRoutings(settings, accumulator, intake, metadata, callbacks, wake, time);
        later[0] = routings;
        this.idempotence = new Idempotence(settings.idempotent(), settings.clientId(), settings.transactionalId(),
                settings.transactionTimeoutMs(), requests, metadata, settings.retryBackoff(), events, time, wake);
        TxnCall calls = new TxnCall(settings.clientId(), coordinatorRequests,
                new CoordinatorLookup(requests, new MetadataBrokers(metadata)), timers, settings.retryBackoff());
        this.transactions = new TransactionManager(settings.clientId(), settings.transactionalId(),
                settings.transactionTimeoutMs(), idempotence, calls, features, events, time, wake);
        BatchCompleter completer = new BatchCompleter(settings.clientId(), accumulator, callbacks, events, metrics,
                time);
        ProduceOutcomes outcomes = new ProduceOutcomes(settings, accumulator, metadata, idempotence, transactions, completer,
                metrics, events, time);
        this.sender = new Sender(settings, time, accumulator, metadata, requests, idempotence, transactions, routings,
                outcomes,
                completer, metrics, wake);
    }
}
