package io.brook.admin.internal;

import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.CreatePartitionsRequest;
import io.brook.protocol.message.CreatePartitionsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code createPartitions}: sends CreatePartitions (new total counts, placement left to the controller) for the
 * topics not yet settled until each grew or failed with a non-retriable error, then (unless validating only) waits
 * until every live broker reports the new partition count with a leader per partition, as {@code createTopics}
 * does. An unknown topic fails with UNKNOWN_TOPIC_OR_PARTITION, a count not above the current one with
 * INVALID_PARTITIONS; the other topics still grow.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 */
public final class CreatePartitionsHandler implements SingleRequestHandler<Void> {
    static final String CALL = "createPartitions";

    private final Map<String, Integer> newTotalCounts;
    private final boolean validateOnly;
    private final ResourceResults<String, Void> results;
    private TopicPropagation propagation;

    /**
     * @param newTotalCounts per topic, the partition count it should have (not the number to add); not empty
     * @throws IllegalArgumentException if a count is below 1
     */
    public CreatePartitionsHandler(Map<String, Integer> newTotalCounts, boolean validateOnly) {
        Objects.requireNonNull(newTotalCounts, "newTotalCounts");
        this.newTotalCounts = new LinkedHashMap<>();
        newTotalCounts.forEach((topic, count) -> {
            TopicNames.validate(topic);
            Objects.requireNonNull(count, () -> "partition count of topic '" + topic + "'");
            if (count < 1) {
                throw new IllegalArgumentException("partition count of topic '" + topic + "' must be at least 1: "
                        + count);
            }
            this.newTotalCounts.put(topic, count);
        });
        this.validateOnly = validateOnly;
        this.results = new ResourceResults<>(CALL, this.newTotalCounts.keySet());
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        if (propagation != null) {
            return propagation.nextRequest();
        }
        List<CreatePartitionsRequest.CreatePartitionsTopic> topics = new ArrayList<>();
        for (String topic : results.pending()) {
            topics.add(CreatePartitionsRequest.CreatePartitionsTopic.builder().name(topic)
                    .count(newTotalCounts.get(topic)).assignments(null).build());
        }
        return CallRequest.toAnyBroker(CreatePartitionsRequest.builder().topics(topics)
                .timeoutMs((int) Math.min(Integer.MAX_VALUE, remainingMs)).validateOnly(validateOnly).build());
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (propagation != null) {
            return propagation.step(from, (MetadataResponse) response, results::finishWithNothing);
        }
        Throwable retryReason = null;
        for (CreatePartitionsResponse.CreatePartitionsTopicResult r : ((CreatePartitionsResponse) response).results()) {
            if (!results.isPending(r.name())) {
                continue;
            }
            Errors error = AdminErrors.forCode(r.errorCode());
            if (error == Errors.NONE) {
                results.succeed(r.name(), null);
            } else if (error.isRetriable() && error != Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                retryReason = AdminErrors.forTopic(CALL, r.name(), error, r.errorMessage());
            } else {
                results.fail(r.name(), AdminErrors.forTopic(CALL, r.name(), error, r.errorMessage()));
            }
        }
        if (!results.allSettled()) {
            return Step.retry(retryReason != null ? retryReason : AdminErrors.waitingFor(
                    CALL + ": the broker did not answer for topic '" + results.pending().iterator().next() + "'"));
        }
        Map<String, Integer> grown = new LinkedHashMap<>();
        for (String topic : results.succeeded().keySet()) {
            grown.put(topic, newTotalCounts.get(topic));
        }
        if (validateOnly || grown.isEmpty()) {
            return results.finishWithNothing();
        }
        propagation = TopicPropagation.created(CALL, grown);
        return Step.sendNext();
    }
}
