package io.brook.eos;

import io.brook.consumer.ConsumerRecord;
import io.brook.producer.ProducerRecord;
import java.util.List;

/**
 * What a consume-transform-produce service writes: the output records for one input record (none, one or many).
 * Called on the pipeline's thread, in offset order per input partition. It should be deterministic and free of
 * side effects outside Kafka: after an abort (a rebalance, an error) the same input is transformed again, and only
 * the output of the committed attempt is ever visible to read_committed readers.
 *
 * @param <KI> the input key type
 * @param <VI> the input value type
 * @param <KO> the output key type
 * @param <VO> the output value type
 */
@FunctionalInterface
public interface Transform<KI, VI, KO, VO> {
    /**
     * @return the records to write (never null; an empty list writes nothing)
     */
    List<ProducerRecord<KO, VO>> apply(ConsumerRecord<KI, VI> input);
}
