package io.brook.admin.internal;

import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code listTopics}: asks any broker for the metadata of all topics and returns their names, internal topics left
 * out unless asked for. Topics the broker reports with an error (for example, not authorized) are left out too.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class ListTopicsHandler implements SingleRequestHandler<Set<String>> {
    static final String CALL = "listTopics";

    private final boolean includeInternal;

    public ListTopicsHandler(boolean includeInternal) {
        this.includeInternal = includeInternal;
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        return MetadataRequests.forAllTopics();
    }

    @Override
    public Step<Set<String>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        MetadataResponse metadata = (MetadataResponse) response;
        Errors topLevel = AdminErrors.forCode(metadata.errorCode());
        if (topLevel != Errors.NONE) {
            ApiException e = AdminErrors.forCall(CALL, topLevel, null);
            return topLevel.isRetriable() ? Step.retry(e) : Step.failed(e);
        }
        Set<String> names = new TreeSet<>();
        for (MetadataResponse.MetadataResponseTopic topic : metadata.topics()) {
            if (topic.name() != null && AdminErrors.forCode(topic.errorCode()) == Errors.NONE
                    && (includeInternal || !topic.isInternal())) {
                names.add(topic.name());
            }
        }
        return Step.done(Collections.unmodifiableSet(names));
    }
}
