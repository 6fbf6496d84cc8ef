package io.brook.protocol.record;

import io.brook.common.Header;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.protocol.compress.TestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Expected records for batch tests: a mix of null, empty, small and large keys, values and headers. */
final class SampleRecords {
    private SampleRecords() {}

    record Sample(long timestamp, byte[] key, byte[] value, List<Header> headers) {}

    static List<Sample> mixed(int count, long baseTimestamp, long seed) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = switch (i % 4) {
                case 0 -> null;
                case 1 -> new byte[0];
                default -> ("key-" + i).getBytes(StandardCharsets.UTF_8);
            };
            byte[] value = switch (i % 7) {
                case 0 -> null;
                case 1 -> new byte[0];
                case 2 -> TestData.random(r.nextInt(300), i);
                default -> TestData.text(r.nextInt(2000), i);
            };
            List<Header> headers = new ArrayList<>();
            for (int h = 0; h < i % 4; h++) {
                headers.add(new Header(h == 2 ? "ключ-" + h : "h" + h,
                        h == 1 ? null : ("v" + i + "-" + h).getBytes(StandardCharsets.UTF_8)));
            }
            // Timestamps wander both ways around the first, giving negative deltas too.
            out.add(new Sample(baseTimestamp + r.nextInt(20_000) - 5_000, key, value, headers));
        }
        return out;
    }

    static void append(RecordBatchBuilder builder, List<Sample> samples) {
        for (Sample s : samples) {
            builder.append(s.timestamp(), s.key(), s.value(), s.headers());
        }
    }

    /** Checks a read record against its sample, both through the buffer views and the byte[] copies. */
    static void assertMatches(Record record, Sample sample, long expectedOffset) {
        assertThat(record.offset()).isEqualTo(expectedOffset);
        assertThat(record.timestamp()).isEqualTo(sample.timestamp());
        assertThat(record.keyBytes()).isEqualTo(sample.key());
        assertThat(record.valueBytes()).isEqualTo(sample.value());
        assertThat(record.hasKey()).isEqualTo(sample.key() != null);
        assertThat(record.keySize()).isEqualTo(sample.key() == null ? -1 : sample.key().length);
        assertThat(record.valueSize()).isEqualTo(sample.value() == null ? -1 : sample.value().length);
        assertThat(record.headersCopy()).isEqualTo(sample.headers());
        assertThat(record.headers()).hasSameSizeAs(sample.headers());
    }

    static long maxTimestamp(List<Sample> samples) {
        return samples.stream().mapToLong(Sample::timestamp).max().orElseThrow();
    }
}
