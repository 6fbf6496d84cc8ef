package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.ApiException;
import io.brook.common.errors.CorruptRecordException;
import io.brook.common.errors.RetriableException;
import io.brook.common.errors.UnknownServerException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import io.brook.common.errors.UnsupportedVersionException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void forCodeFindsEveryErrorAndMapsUnknownCodesToUnknownServerError() {
        Set<Short> codes = new HashSet<>();
        for (Errors e : Errors.values()) {
            assertThat(Errors.forCode(e.code())).isSameAs(e);
            assertThat(codes.add(e.code())).as("duplicate code %d", e.code()).isTrue();
        }
        assertThat(Errors.forCode((short) 0)).isSameAs(Errors.NONE);
        assertThat(Errors.forCode((short) -1)).isSameAs(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(Errors.forCode((short) 30000)).isSameAs(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(Errors.forCode((short) -2)).isSameAs(Errors.UNKNOWN_SERVER_ERROR);
    }

    @Test
    void everyErrorButNoneBuildsItsTypedException() {
        for (Errors e : Errors.values()) {
            ApiException ex = e.exception("detail");
            if (e == Errors.NONE) {
                assertThat(ex).isNull();
                assertThat(e.exception()).isNull();
                continue;
            }
            assertThat(ex.error()).isSameAs(e);
            assertThat(ex.getMessage()).isEqualTo("detail");
            assertThat(ex.isRetriable()).isEqualTo(e.isRetriable());
            assertThat(ex instanceof RetriableException).as("%s retriable class", e).isEqualTo(e.isRetriable());
            assertThat(e.exception().getMessage()).isEqualTo(e.defaultMessage());
        }
    }

    @Test
    void wellKnownCodes() {
        assertThat(Errors.CORRUPT_MESSAGE.code()).isEqualTo((short) 2);
        assertThat(Errors.CORRUPT_MESSAGE.exception()).isInstanceOf(CorruptRecordException.class);
        assertThat(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()).isEqualTo((short) 3);
        assertThat(Errors.UNKNOWN_TOPIC_OR_PARTITION.exception()).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(Errors.UNKNOWN_TOPIC_OR_PARTITION.isRetriable()).isTrue();
        assertThat(Errors.UNSUPPORTED_VERSION.code()).isEqualTo((short) 35);
        assertThat(Errors.UNSUPPORTED_VERSION.exception()).isInstanceOf(UnsupportedVersionException.class);
        assertThat(Errors.UNSUPPORTED_VERSION.isRetriable()).isFalse();
        assertThat(Errors.UNKNOWN_SERVER_ERROR.exception()).isInstanceOf(UnknownServerException.class);
    }

    @Test
    void generatedExceptionConstructors() {
        Throwable cause = new IllegalStateException("root");
        UnknownTopicOrPartitionException e = new UnknownTopicOrPartitionException("orders-3", cause);
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.error()).isSameAs(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(new UnknownTopicOrPartitionException().getMessage())
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.defaultMessage());
    }
}
