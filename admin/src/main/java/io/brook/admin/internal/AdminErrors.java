package io.brook.admin.internal;

import io.brook.common.TopicPartition;
import io.brook.common.errors.ApiException;
import io.brook.common.errors.BrookException;
import io.brook.protocol.Errors;
import java.util.List;

/** Turns the error codes of admin responses into typed exceptions that name the call, the topic and the code. */
final class AdminErrors {
    private AdminErrors() {}

    /** The error with {@code code}; a code this version of Brook does not know maps to UNKNOWN_SERVER_ERROR. */
    static Errors forCode(short code) {
        Errors error = Errors.forCode(code);
        return error != null ? error : Errors.UNKNOWN_SERVER_ERROR;
    }

    /**
     * The typed exception for {@code error} reported for {@code topic} by {@code call}.
     *
     * @param brokerMessage the broker's own message, or {@code null} to use the code's default message
     */
    static ApiException forTopic(String call, String topic, Errors error, String brokerMessage) {
        return forResource(call, "topic '" + topic + "'", error, brokerMessage);
    }

    /**
     * The typed exception for {@code error} reported for a resource by {@code call}.
     *
     * @param resource how the message names the resource: {@code "partition t-0"}, {@code "group 'g'"}, ...
     * @param brokerMessage the broker's own message, or {@code null} to use the code's default message
     */
    static ApiException forResource(String call, String resource, Errors error, String brokerMessage) {
        return error.exception(call + " of " + resource + " failed with " + describe(error, brokerMessage));
    }

    /** {@link #forResource} for partition {@code tp}. */
    static ApiException forPartition(String call, TopicPartition tp, Errors error, String brokerMessage) {
        return forResource(call, "partition " + tp, error, brokerMessage);
    }

    /** {@link #forResource} for group {@code groupId}. */
    static ApiException forGroup(String call, String groupId, Errors error, String brokerMessage) {
        return forResource(call, "group '" + groupId + "'", error, brokerMessage);
    }

    /** The typed exception for a top-level {@code error} of {@code call}. */
    static ApiException forCall(String call, Errors error, String brokerMessage) {
        return error.exception(call + " failed with " + describe(error, brokerMessage));
    }

    /**
     * One exception standing for all of {@code errors}: the first, with the others attached as suppressed.
     *
     * @param errors not empty
     */
    static Throwable combine(List<? extends Throwable> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors to combine");
        }
        Throwable first = errors.get(0);
        for (int i = 1; i < errors.size(); i++) {
            first.addSuppressed(errors.get(i));
        }
        return first;
    }

    /** A non-error reason for the timeout message: what the call was still waiting for. */
    static BrookException waitingFor(String what) {
        return new BrookException(what);
    }

    private static String describe(Errors error, String brokerMessage) {
        String message = brokerMessage != null && !brokerMessage.isBlank() ? brokerMessage : error.defaultMessage();
        return error.name() + " (error code " + error.code() + "): " + message;
    }
}
