package io.brook.eos;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Deserializers;
import io.brook.common.Serializers;
import io.brook.producer.ProducerRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline's configuration checks (no broker needed: they fail before any connection). */
class ExactlyOncePipelineTest {
    private static final String BOOTSTRAP = "localhost:9092";

    private static Map<String, Object> consumer(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", BOOTSTRAP);
        m.put("group.id", "g");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> producer() {
        return Map.of("bootstrap.servers", BOOTSTRAP, "transactional.id", "t");
    }

    private static ExactlyOncePipeline.Builder<String, String, String, String> complete(Map<String, Object> consumer,
            Map<String, Object> producer) {
        return ExactlyOncePipeline.builder(consumer, producer).inputTopics("in")
                .deserializers(Deserializers.string(), Deserializers.string())
                .serializers(Serializers.string(), Serializers.string())
                .transform(in -> List.of(ProducerRecord.of("out", in.key(), in.value())));
    }

    @Test
    void exactlyOnceNeedsAGroupATransactionalIdAndReadCommitted() {
        Map<String, Object> noGroup = consumer();
        noGroup.remove("group.id");
        assertThatThrownBy(() -> complete(noGroup, producer()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group.id");
        assertThatThrownBy(() -> complete(consumer(), Map.of("bootstrap.servers", BOOTSTRAP)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactional.id");
        assertThatThrownBy(() -> complete(consumer("isolation.level", "read_uncommitted"), producer()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("isolation.level=read_committed");
        assertThatThrownBy(() -> complete(consumer("enable.auto.commit", true), producer()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable.auto.commit=false");
    }

    @Test
    void everyPieceIsRequired() {
        assertThatThrownBy(() -> ExactlyOncePipeline.builder(consumer(), producer()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputTopics");
        assertThatThrownBy(() -> ExactlyOncePipeline.builder(consumer(), producer()).inputTopics())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExactlyOncePipeline.builder(consumer(), producer()).inputTopics("in")
                .deserializers(Deserializers.string(), Deserializers.string()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serializers");
    }
}
