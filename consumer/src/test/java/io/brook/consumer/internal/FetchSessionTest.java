package io.brook.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import io.brook.protocol.Errors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client side of KIP-227 incremental fetch sessions. */
class FetchSessionTest {
    private static final TopicPartition A = new TopicPartition("t", 0);
    private static final TopicPartition B = new TopicPartition("t", 1);
    private static final TopicPartition C = new TopicPartition("u", 0);

    private static Map<TopicPartition, FetchSession.Sent> wanted(Object... pairs) {
        Map<TopicPartition, FetchSession.Sent> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((TopicPartition) pairs[i], new FetchSession.Sent((Long) pairs[i + 1], 1024, 3));
        }
        return out;
    }

    @Test
    void opensWithAFullFetchThenSendsOnlyChangesAndForgetsDroppedPartitions() {
        FetchSession session = new FetchSession();
        FetchSession.Plan first = session.plan(wanted(A, 0L, B, 0L));
        assertThat(first.full()).isTrue();
        assertThat(first.sessionId()).isZero();
        assertThat(first.epoch()).isZero();
        assertThat(first.toSend()).containsOnlyKeys(A, B);
        session.answered(first, Errors.NONE, 77);

        // A advanced, B unchanged, C new.
        FetchSession.Plan second = session.plan(wanted(A, 10L, B, 0L, C, 5L));
        assertThat(second.full()).isFalse();
        assertThat(second.sessionId()).isEqualTo(77);
        assertThat(second.epoch()).isEqualTo(1);
        assertThat(second.toSend()).containsOnlyKeys(A, C);
        assertThat(second.toForget()).isEmpty();
        session.answered(second, Errors.NONE, 77);

        // B paused: forgotten; nothing else changed.
        FetchSession.Plan third = session.plan(wanted(A, 10L, C, 5L));
        assertThat(third.epoch()).isEqualTo(2);
        assertThat(third.toSend()).isEmpty();
        assertThat(third.toForget()).containsExactly(B);
        assertThat(FetchSession.isEmpty(third)).isFalse();
        session.answered(third, Errors.NONE, 77);

        // B back: sent again in full.
        FetchSession.Plan fourth = session.plan(wanted(A, 10L, B, 0L, C, 5L));
        assertThat(fourth.toSend()).containsOnlyKeys(B);
        assertThat(fourth.epoch()).isEqualTo(3);
    }

    @Test
    void aSessionErrorOrAFailureStartsOverWithAFullFetch() {
        FetchSession session = new FetchSession();
        FetchSession.Plan first = session.plan(wanted(A, 0L));
        session.answered(first, Errors.NONE, 5);
        FetchSession.Plan second = session.plan(wanted(A, 1L));
        session.answered(second, Errors.INVALID_FETCH_SESSION_EPOCH, 0);
        assertThat(FetchSession.isSessionError(Errors.INVALID_FETCH_SESSION_EPOCH)).isTrue();
        FetchSession.Plan third = session.plan(wanted(A, 1L));
        assertThat(third.full()).isTrue();
        assertThat(third.sessionId()).isZero();

        session.answered(third, Errors.NONE, 6);
        session.plan(wanted(A, 2L));
        session.reset();
        assertThat(session.plan(wanted(A, 2L)).full()).isTrue();
    }

    @Test
    void aBrokerWithoutSessionsKeepsGettingFullFetches() {
        FetchSession session = new FetchSession();
        FetchSession.Plan first = session.plan(wanted(A, 0L, B, 0L));
        session.answered(first, Errors.NONE, 0);
        FetchSession.Plan second = session.plan(wanted(A, 4L, B, 0L));
        assertThat(second.full()).isTrue();
        assertThat(second.toSend()).containsOnlyKeys(A, B);
        assertThat(List.copyOf(second.wanted().keySet())).containsExactly(A, B);
    }
}
