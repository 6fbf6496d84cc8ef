package io.brook.admin.internal;

import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.message.MetadataRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds the Metadata requests admin calls send. Stateless. */
final class MetadataRequests {
    private MetadataRequests() {}

    /** Metadata of {@code topics}, never auto-creating them, to {@code target} ({@code null}: any broker). */
    static CallRequest forTopics(Collection<String> topics, Endpoint target) {
        List<MetadataRequest.MetadataRequestTopic> requested = new ArrayList<>(topics.size());
        for (String name : topics) {
            requested.add(MetadataRequest.MetadataRequestTopic.builder().name(name).build());
        }
        return build(MetadataRequest.builder().topics(requested).allowAutoTopicCreation(false).build(), target);
    }

    /** Metadata of no topic (an empty list): the live brokers only, from any broker. */
    static CallRequest forBrokers() {
        return build(MetadataRequest.builder().topics(List.of()).allowAutoTopicCreation(false).build(), null);
    }

    /** Metadata of every topic (a null topic list), to any broker. */
    static CallRequest forAllTopics() {
        return build(MetadataRequest.builder().topics(null).allowAutoTopicCreation(false).build(), null);
    }

    private static CallRequest build(MetadataRequest body, Endpoint target) {
        CallRequest request = target == null ? CallRequest.toAnyBroker(body) : CallRequest.toBroker(target, body);
        // An admin call only looks: it never creates a topic by asking about it.
        return request.requiring(Capability.METADATA_AUTO_CREATE_FLAG);
    }
}
