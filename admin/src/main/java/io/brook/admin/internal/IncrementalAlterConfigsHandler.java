package io.brook.admin.internal;

import io.brook.admin.AlterConfigOp;
import io.brook.admin.ConfigResource;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.IncrementalAlterConfigsRequest;
import io.brook.protocol.message.IncrementalAlterConfigsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code incrementalAlterConfigs}: IncrementalAlterConfigs (set, delete, append, subtract per key), topics and
 * broker defaults to any broker, a broker's own configs to that broker ({@link ConfigRouting}). Each resource
 * succeeds or fails on its own; {@code validateOnly} asks the broker to check without applying.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class IncrementalAlterConfigsHandler implements CallHandler<Void> {
    static final String CALL = "incrementalAlterConfigs";

    private final Map<ConfigResource, List<AlterConfigOp>> changes;
    private final boolean validateOnly;
    private final ResourceResults<ConfigResource, Void> results;
    private final ConfigRouting routing = new ConfigRouting(CALL);

    /**
     * @param changes per resource, the changes to make (in order); not empty, no empty change list
     * @throws IllegalArgumentException if a resource has no changes or changes one key twice
     */
    public IncrementalAlterConfigsHandler(Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes,
            boolean validateOnly) {
        Objects.requireNonNull(changes, "changes");
        this.changes = new LinkedHashMap<>();
        changes.forEach((resource, ops) -> {
            Objects.requireNonNull(resource, "resource");
            List<AlterConfigOp> list = List.copyOf(Objects.requireNonNull(ops, () -> "changes of " + resource));
            if (list.isEmpty()) {
                throw new IllegalArgumentException("no changes for " + resource);
            }
            if (list.stream().map(AlterConfigOp::name).distinct().count() != list.size()) {
                throw new IllegalArgumentException("a key of " + resource + " is changed twice");
            }
            this.changes.put(resource, list);
        });
        this.validateOnly = validateOnly;
        this.results = new ResourceResults<>(CALL, this.changes.keySet());
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        if (routing.needsBrokers(results.pending())) {
            return List.of(routing.brokersRequest());
        }
        List<CallRequest> requests = new ArrayList<>();
        routing.byDestination(results.pending()).forEach((target, resources) -> {
            List<IncrementalAlterConfigsRequest.AlterConfigsResource> altered = new ArrayList<>();
            for (ConfigResource r : resources) {
                List<IncrementalAlterConfigsRequest.AlterableConfig> configs = new ArrayList<>();
                for (AlterConfigOp op : changes.get(r)) {
                    configs.add(IncrementalAlterConfigsRequest.AlterableConfig.builder().name(op.name())
                            .configOperation(op.opType().id()).value(op.value()).build());
                }
                altered.add(IncrementalAlterConfigsRequest.AlterConfigsResource.builder()
                        .resourceType(r.type().id()).resourceName(r.name()).configs(configs).build());
            }
            requests.add(ConfigRouting.to(target, RequestBuilder.of(IncrementalAlterConfigsRequest.builder()
                    .resources(altered).validateOnly(validateOnly).build())));
        });
        return requests;
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (response instanceof MetadataResponse metadata) {
            routing.onBrokers(metadata, results);
            return results.allSettled() ? results.finishWithNothing() : Step.sendNext();
        }
        ApiException reason = null;
        for (IncrementalAlterConfigsResponse.AlterConfigsResourceResponse r
                : ((IncrementalAlterConfigsResponse) response).responses()) {
            ApiException retry = routing.settle(results, r.resourceType(), r.resourceName(), r.errorCode(),
                    r.errorMessage(), () -> null);
            reason = retry != null ? retry : reason;
        }
        return routing.after(results, reason, results::finishWithNothing);
    }
}
