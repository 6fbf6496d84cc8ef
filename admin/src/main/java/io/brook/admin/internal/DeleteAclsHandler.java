package io.brook.admin.internal;

import io.brook.admin.AclBinding;
import io.brook.admin.AclBindingFilter;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DeleteAclsRequest;
import io.brook.protocol.message.DeleteAclsResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code deleteAcls}: DeleteAcls to any broker with the filters not yet settled; the answer has one result per
 * filter, in request order, listing the bindings it removed. A filter that fails (or one of whose matches failed
 * to be removed) fails on its own. The result is every removed binding, once.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 */
public final class DeleteAclsHandler implements SingleRequestHandler<List<AclBinding>> {
    static final String CALL = "deleteAcls";

    private final ResourceResults<AclBindingFilter, List<AclBinding>> results;
    private List<AclBindingFilter> sent = List.of();

    /** @param filters not empty; duplicates count once */
    public DeleteAclsHandler(Collection<AclBindingFilter> filters) {
        this.results = new ResourceResults<>(CALL, filters);
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        sent = List.copyOf(results.pending());
        List<DeleteAclsRequest.DeleteAclsFilter> filters = new ArrayList<>(sent.size());
        for (AclBindingFilter f : sent) {
            filters.add(DeleteAclsRequest.DeleteAclsFilter.builder().resourceTypeFilter(f.resourceType().code())
                    .resourceNameFilter(f.name()).patternTypeFilter(f.patternType().code())
                    .principalFilter(f.principal()).hostFilter(f.host()).operation(f.operation().code())
                    .permissionType(f.permissionType().code()).build());
        }
        return CallRequest.toAnyBroker(DeleteAclsRequest.builder().filters(filters).build());
    }

    @Override
    public Step<List<AclBinding>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        List<DeleteAclsResponse.DeleteAclsFilterResult> answers = ((DeleteAclsResponse) response).filterResults();
        ApiException reason = null;
        for (int i = 0; i < sent.size() && i < answers.size(); i++) {
            ApiException retry = settle(sent.get(i), answers.get(i));
            reason = retry != null ? retry : reason;
        }
        if (results.allSettled()) {
            return results.finish(DeleteAclsHandler::union, true);
        }
        return Step.retry(reason != null ? reason
                : AdminErrors.waitingFor(CALL + ": the broker answered for fewer filters than were sent"));
    }

    /** Settles one filter; returns its error if it is retriable (the filter stays pending). */
    private ApiException settle(AclBindingFilter filter, DeleteAclsResponse.DeleteAclsFilterResult answer) {
        Errors error = AdminErrors.forCode(answer.errorCode());
        String message = answer.errorMessage();
        List<AclBinding> removed = new ArrayList<>();
        for (DeleteAclsResponse.DeleteAclsMatchingAcl m : answer.matchingAcls()) {
            Errors matchError = AdminErrors.forCode(m.errorCode());
            if (matchError != Errors.NONE && error == Errors.NONE) {
                error = matchError;
                message = m.errorMessage();
            }
            AclBinding b = AclMapping.binding(m.resourceType(), m.resourceName(), m.patternType(), m.principal(),
                    m.host(), m.operation(), m.permissionType());
            if (b != null && matchError == Errors.NONE) {
                removed.add(b);
            }
        }
        if (error == Errors.NONE) {
            results.succeed(filter, List.copyOf(removed));
            return null;
        }
        ApiException e = AdminErrors.forResource(CALL, "filter " + filter, error, message);
        if (error.isRetriable()) {
            return e;
        }
        results.fail(filter, e);
        return null;
    }

    private static List<AclBinding> union(Map<AclBindingFilter, List<AclBinding>> byFilter) {
        Set<AclBinding> all = new LinkedHashSet<>();
        byFilter.values().forEach(all::addAll);
        return List.copyOf(all);
    }
}
