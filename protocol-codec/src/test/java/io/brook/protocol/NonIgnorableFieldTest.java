package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.brook.common.errors.UnsupportedVersionException;
import io.brook.protocol.message.MessageSamples;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The ignorable rule: non-ignorable non-default values fail at versions without the field; ignorable ones drop. */
class NonIgnorableFieldTest {

    @TestFactory
    Stream<DynamicTest> everyNonIgnorableFieldFailsAtVersionsWithoutIt() {
        List<MessageSamples.NonIgnorableCase> cases = MessageSamples.nonIgnorableCases();
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> dynamicTest(c.description(), () -> {
            ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
            try {
                assertThatThrownBy(() -> c.message().write(buf, c.version()))
                        .isInstanceOf(UnsupportedVersionException.class);
            } finally {
                MessageRoundTripTest.release(c.message());
                buf.release();
            }
        }));
    }

    @Test
    void allowAutoTopicCreationFalseCannotBeSentBeforeV4() {
        MetadataRequest request = MetadataRequest.builder().allowAutoTopicCreation(false).build();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            assertThatThrownBy(() -> request.write(buf, (short) 3))
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("allowAutoTopicCreation");
            request.write(buf, (short) 4);
            assertThat(MetadataRequest.read(buf, (short) 4)).isEqualTo(request);
        } finally {
            buf.release();
        }
    }

    @Test
    void defaultValueOfNonIgnorableFieldIsFineAtOldVersions() {
        MetadataRequest request = MetadataRequest.builder().topics(List.of()).build();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            request.write(buf, (short) 1);
            assertThat(MetadataRequest.read(buf, (short) 1)).isEqualTo(request);
        } finally {
            buf.release();
        }
    }

    @Test
    void ignorableFieldIsDroppedSilently() {
        MetadataResponse response = MetadataResponse.builder().throttleTimeMs(250).build();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            response.write(buf, (short) 2);
            MetadataResponse back = MetadataResponse.read(buf, (short) 2);
            assertThat(back.throttleTimeMs()).isZero();
            assertThat(back).isEqualTo(response.toBuilder().throttleTimeMs(0).build());
        } finally {
            buf.release();
        }
    }

    @Test
    void nullWhereTheVersionCannotEncodeItFails() {
        MetadataRequest allTopics = MetadataRequest.builder().topics(null).build();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            assertThatThrownBy(() -> allTopics.write(buf, (short) 0))
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("topics");
        } finally {
            buf.release();
        }
    }

    @Test
    void versionOutsideTheRangeFails() {
        MetadataRequest request = MetadataRequest.builder().build();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            short tooHigh = (short) (MetadataRequest.HIGHEST_SUPPORTED_VERSION + 1);
            assertThatThrownBy(() -> request.write(buf, tooHigh)).isInstanceOf(UnsupportedVersionException.class);
            assertThatThrownBy(() -> request.size(tooHigh)).isInstanceOf(UnsupportedVersionException.class);
            assertThatThrownBy(() -> MetadataRequest.read(buf, tooHigh))
                    .isInstanceOf(UnsupportedVersionException.class);
        } finally {
            buf.release();
        }
    }
}
