package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.protocol.Errors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client side of one broker's incremental fetch session (KIP-227). The first request is full (every partition,
 * session id 0, epoch 0: "open a session"); once the broker answered with a session id, each request carries only
 * the partitions whose fetch parameters changed or were added since the last one, and the partitions to forget;
 * the broker keeps fetching the others at their last offset and leaves out of its answer every partition without
 * news. A session error, a failed request or an answer without a session id starts over with a full request.
 *
 * <p>Confined to the consumer's background thread.
 */
final class FetchSession {
    /** What the broker was told about one partition. */
    record Sent(long fetchOffset, int maxBytes, int leaderEpoch) {}

    /**
     * One request's partition lists.
     *
     * @param sessionId the session id to send (0 to open one)
     * @param epoch the session epoch to send (0 to open one)
     * @param full whether every wanted partition is sent
     * @param toSend the partitions to put in the request
     * @param toForget the partitions the session should drop (incremental requests only)
     * @param wanted every partition the session should hold after this request
     */
    record Plan(int sessionId, int epoch, boolean full, Map<TopicPartition, Sent> toSend, List<TopicPartition> toForget,
            Map<TopicPartition, Sent> wanted) {}

    private final Map<TopicPartition, Sent> session = new LinkedHashMap<>();
    private int sessionId;
    private int epoch;

    /** The next request, for the partitions the consumer wants from this broker now. */
    Plan plan(Map<TopicPartition, Sent> wanted) {
        if (epoch == 0) {
            return new Plan(0, 0, true, wanted, List.of(), wanted);
        }
        Map<TopicPartition, Sent> toSend = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, Sent> e : wanted.entrySet()) {
            if (!e.getValue().equals(session.get(e.getKey()))) {
                toSend.put(e.getKey(), e.getValue());
            }
        }
        List<TopicPartition> toForget = new ArrayList<>(0);
        for (TopicPartition tp : session.keySet()) {
            if (!wanted.containsKey(tp)) {
                toForget.add(tp);
            }
        }
        return new Plan(sessionId, epoch, false, toSend, toForget, wanted);
    }

    /** Whether a plan would send nothing new: an incremental request with no change, only worth a long poll. */
    static boolean isEmpty(Plan plan) {
        return plan.toSend().isEmpty() && plan.toForget().isEmpty();
    }

    /** Applies the broker's answer to {@code plan}: its top-level error code and session id. */
    void answered(Plan plan, Errors error, int answeredSessionId) {
        if (error != Errors.NONE) {
            reset();
            return;
        }
        if (plan.full()) {
            session.clear();
            session.putAll(plan.wanted());
            sessionId = answeredSessionId;
            epoch = answeredSessionId == 0 ? 0 : 1;
            return;
        }
        for (TopicPartition tp : plan.toForget()) {
            session.remove(tp);
        }
        session.putAll(plan.toSend());
        // Epochs run 1..Integer.MAX_VALUE and wrap to 1 (0 would open a new session).
        epoch = epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
    }

    /** The request failed: the broker's session state is unknown, so the next request is full. */
    void reset() {
        session.clear();
        sessionId = 0;
        epoch = 0;
    }

    /** Whether the top-level error of a response means the session is gone or out of step. */
    static boolean isSessionError(Errors error) {
        return error == Errors.FETCH_SESSION_ID_NOT_FOUND || error == Errors.INVALID_FETCH_SESSION_EPOCH
                || error == Errors.FETCH_SESSION_TOPIC_ID_ERROR;
    }

    int sessionId() {
        return sessionId;
    }

    int epoch() {
        return epoch;
    }
}
