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
import io.brook.protocol.message.DescribeAclsRequest;
import io.brook.protocol.message.DescribeAclsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code describeAcls}: DescribeAcls with the filter, to any broker. A broker without an authorizer answers
 * SECURITY_DISABLED.
 *
 * <p>Stateless apart from its filter.
 */
public final class DescribeAclsHandler implements SingleRequestHandler<List<AclBinding>> {
    static final String CALL = "describeAcls";

    private final AclBindingFilter filter;

    public DescribeAclsHandler(AclBindingFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        return CallRequest.toAnyBroker(DescribeAclsRequest.builder()
                .resourceTypeFilter(filter.resourceType().code()).resourceNameFilter(filter.name())
                .patternTypeFilter(filter.patternType().code()).principalFilter(filter.principal())
                .hostFilter(filter.host()).operation(filter.operation().code())
                .permissionType(filter.permissionType().code()).build());
    }

    @Override
    public Step<List<AclBinding>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        DescribeAclsResponse described = (DescribeAclsResponse) response;
        Errors error = AdminErrors.forCode(described.errorCode());
        if (error != Errors.NONE) {
            ApiException e = AdminErrors.forCall(CALL, error, described.errorMessage());
            return error.isRetriable() ? Step.retry(e) : Step.failed(e);
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (DescribeAclsResponse.DescribeAclsResource r : described.resources()) {
            for (DescribeAclsResponse.AclDescription a : r.acls()) {
                AclBinding b = AclMapping.binding(r.resourceType(), r.resourceName(), r.patternType(),
                        a.principal(), a.host(), a.operation(), a.permissionType());
                if (b != null) {
                    bindings.add(b);
                }
            }
        }
        return Step.done(List.copyOf(bindings));
    }
}
