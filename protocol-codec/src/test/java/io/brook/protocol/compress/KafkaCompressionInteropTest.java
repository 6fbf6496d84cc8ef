package io.brook.protocol.compress;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Codec streams against kafka-clients' own: what Brook compresses Kafka decompresses, and the reverse. */
class KafkaCompressionInteropTest {
    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    static Stream<Arguments> cases() {
        List<Arguments> args = new ArrayList<>();
        int[] sizes = {1, 5000, 64 * 1024, 200_000, 1_100_000};
        int[][] levels = {{}, {1, 9}, {}, {1, 9, 17}, {-5, 3, 19}};
        for (CompressionType type : CompressionType.values()) {
            List<Integer> typeLevels = new ArrayList<>();
            typeLevels.add(null);
            for (int l : levels[type.id()]) {
                typeLevels.add(l);
            }
            for (Integer level : typeLevels) {
                for (int size : sizes) {
                    args.add(Arguments.of(type, level, size, true));
                    args.add(Arguments.of(type, level, size, false));
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} level {1}, {2} bytes compressible={3}")
    @MethodSource("cases")
    void kafkaReadsWhatBrookCompresses(CompressionType type, Integer level, int size, boolean compressible)
            throws IOException {
        byte[] data = compressible ? TestData.text(size, size) : TestData.random(size, size);
        ByteBuf src = leaks.direct(data);
        ByteBuf dst = leaks.alloc().directBuffer();
        try {
            Compression.of(type, level).compress(src, dst);
            ByteBuffer compressed = ByteBuffer.wrap(ByteBufUtil.getBytes(dst));
            try (InputStream in = KafkaCodecs.of(type, null).wrapForInput(compressed, RecordBatch.MAGIC_VALUE_V2,
                    BufferSupplier.create())) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        } finally {
            src.release();
            dst.release();
        }
    }

    @ParameterizedTest(name = "{0} level {1}, {2} bytes compressible={3}")
    @MethodSource("cases")
    void brookReadsWhatKafkaCompresses(CompressionType type, Integer level, int size, boolean compressible)
            throws IOException {
        byte[] data = compressible ? TestData.text(size, size + 1) : TestData.random(size, size + 1);
        ByteBufferOutputStream buffer = new ByteBufferOutputStream(1024);
        try (OutputStream out = KafkaCodecs.of(type, level).wrapForOutput(buffer, RecordBatch.MAGIC_VALUE_V2)) {
            // Kafka's producer writes record by record; mimic that with uneven writes.
            for (int off = 0; off < data.length; off += 777) {
                out.write(data, off, Math.min(777, data.length - off));
            }
        }
        ByteBuffer bytes = buffer.buffer().flip();
        byte[] compressed = new byte[bytes.remaining()];
        bytes.get(compressed);
        for (ByteBuf in : List.of(leaks.direct(compressed), leaks.heap(compressed))) {
            ByteBuf out = type.decompress(in, leaks.alloc());
            try {
                assertThat(ByteBufUtil.getBytes(out)).isEqualTo(data);
            } finally {
                out.release();
                in.release();
            }
        }
    }
}
