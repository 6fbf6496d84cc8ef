package io.brook.it.admin;

import static io.brook.it.admin.KafkaClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.Admin;
import io.brook.admin.ListTransactionsOptions;
import io.brook.admin.PartialFailureException;
import io.brook.admin.ProducerState;
import io.brook.admin.TransactionDescription;
import io.brook.admin.TransactionListing;
import io.brook.common.TopicPartition;
import io.brook.common.errors.TransactionalIdNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Transactions and producers through Brook's Admin against a real broker: an open transaction is held by
 * kafka-clients' transactional producer, every result cross-checked with kafka-clients' Admin.
 */
class TransactionAdminIT extends AdminItBase {
    @Override
    String clientId() {
        return "brook-txn-it";
    }

    private static KafkaProducer<byte[], byte[]> openTransaction(String bootstrap, String transactionalId,
            String topic) throws Exception {
        KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(bootstrap,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000));
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1})).get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {2})).get(30, TimeUnit.SECONDS);
        return producer;
    }

    @Test
    void anOpenTransactionIsListedAndDescribedAsKafkaClientsSeesIt() throws Exception {
        String topic = unique("txn-topic");
        String id = unique("txn-id");
        kafka.createTopic(topic, 2, (short) 1);
        try (KafkaProducer<byte[], byte[]> producer = openTransaction(cluster.bootstrapServers(), id, topic)) {
            List<TransactionListing> listed = get(brook.listTransactions());
            Set<TransactionListing> byKafka = kafka.admin().listTransactions().all().get(TIMEOUT_S, TimeUnit.SECONDS)
                    .stream().map(t -> new TransactionListing(t.transactionalId(), t.producerId(),
                            t.state().toString())).collect(Collectors.toSet());
            assertThat(listed).filteredOn(t -> t.transactionalId().equals(id)).singleElement()
                    .satisfies(t -> assertThat(t.state()).isEqualTo("Ongoing")).isIn(byKafka);
            assertThat(get(brook.listTransactions(ListTransactionsOptions.defaults().withStates(Set.of("Empty")))))
                    .noneMatch(t -> t.transactionalId().equals(id));

            TransactionDescription byBrook = get(brook.describeTransactions(List.of(id))).get(id);

            var d = kafka.admin().describeTransactions(List.of(id)).description(id).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(byBrook).isEqualTo(new TransactionDescription(id, d.coordinatorId(), d.state().toString(),
                    d.producerId(), d.producerEpoch(), d.transactionTimeoutMs(), d.transactionStartTimeMs().orElse(-1),
                    d.topicPartitions().stream().map(tp -> new TopicPartition(tp.topic(), tp.partition()))
                            .collect(Collectors.toSet())));
            assertThat(byBrook.topicPartitions()).containsExactly(new TopicPartition(topic, 0),
                    new TopicPartition(topic, 1));
            assertThat(byBrook.transactionTimeoutMs()).isEqualTo(120_000);

            TopicPartition tp = new TopicPartition(topic, 0);
            List<ProducerState> producers = get(brook.describeProducers(List.of(tp))).get(tp);
            assertThat(producers).singleElement().satisfies(p -> {
                assertThat(p.producerId()).isEqualTo(byBrook.producerId());
                assertThat(p.currentTransactionStartOffset()).isZero();
            });
            var kafkaProducers = kafka.admin().describeProducers(List.of(k(tp))).partitionResult(k(tp))
                    .get(TIMEOUT_S, TimeUnit.SECONDS).activeProducers();
            assertThat(producers).isEqualTo(kafkaProducers.stream().map(p -> new ProducerState(p.producerId(),
                    p.producerEpoch(), p.lastSequence(), p.lastTimestamp(), p.coordinatorEpoch().orElse(-1),
                    p.currentTransactionStartOffset().orElse(-1L))).toList());
            producer.abortTransaction();
        }
    }

    @Test
    void anUnknownTransactionalIdAmongKnownOnesIsAPartialFailure() throws Exception {
        String topic = unique("txn-partial");
        String id = unique("txn-known");
        String missing = unique("txn-missing");
        kafka.createTopic(topic, 2, (short) 1);
        try (KafkaProducer<byte[], byte[]> producer = openTransaction(cluster.bootstrapServers(), id, topic)) {
            producer.commitTransaction();

            PartialFailureException partial = (PartialFailureException) failure(brook.describeTransactions(
                    List.of(id, missing)));

            assertThat(partial.failures(String.class)).containsOnlyKeys(missing);
            assertThat(partial.failures().get(missing)).isInstanceOf(TransactionalIdNotFoundException.class)
                    .hasMessageContaining(missing);
            TransactionDescription known = partial.results(String.class, TransactionDescription.class).get(id);
            var byKafka = kafka.admin().describeTransactions(List.of(id)).description(id)
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(known.producerId()).isEqualTo(byKafka.producerId());
            assertThat(known.coordinatorId()).isEqualTo(byKafka.coordinatorId());
            // The coordinator writes the markers after the commit returned: either state is the committed one.
            assertThat(known.state()).isIn("PrepareCommit", "CompleteCommit");
        }
    }
}
