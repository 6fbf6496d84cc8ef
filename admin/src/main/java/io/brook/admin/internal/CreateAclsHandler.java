package io.brook.admin.internal;

import io.brook.admin.AclBinding;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.CreateAclsRequest;
import io.brook.protocol.message.CreateAclsResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code createAcls}: CreateAcls to any broker (which forwards it to the controller) for the bindings not yet
 * settled; the answer has one result per binding, in request order. Creating a binding that exists already
 * succeeds. A broker without an authorizer fails every binding with SECURITY_DISABLED.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 */
public final class CreateAclsHandler implements SingleRequestHandler<Void> {
    static final String CALL = "createAcls";

    private final ResourceResults<AclBinding, Void> results;
    private List<AclBinding> sent = List.of();

    /** @param bindings not empty; duplicates are created once */
    public CreateAclsHandler(Collection<AclBinding> bindings) {
        this.results = new ResourceResults<>(CALL, bindings);
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        sent = List.copyOf(results.pending());
        List<CreateAclsRequest.AclCreation> creations = new ArrayList<>(sent.size());
        for (AclBinding b : sent) {
            creations.add(CreateAclsRequest.AclCreation.builder()
                    .resourceType(b.pattern().resourceType().code()).resourceName(b.pattern().name())
                    .resourcePatternType(b.pattern().patternType().code()).principal(b.entry().principal())
                    .host(b.entry().host()).operation(b.entry().operation().code())
                    .permissionType(b.entry().permissionType().code()).build());
        }
        return CallRequest.toAnyBroker(CreateAclsRequest.builder().creations(creations).build());
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        List<CreateAclsResponse.AclCreationResult> answers = ((CreateAclsResponse) response).results();
        ApiException reason = null;
        for (int i = 0; i < sent.size() && i < answers.size(); i++) {
            AclBinding binding = sent.get(i);
            Errors error = AdminErrors.forCode(answers.get(i).errorCode());
            if (error == Errors.NONE) {
                results.succeed(binding, null);
                continue;
            }
            ApiException e = AdminErrors.forResource(CALL, "ACL " + binding, error, answers.get(i).errorMessage());
            if (error.isRetriable()) {
                reason = e;
            } else {
                results.fail(binding, e);
            }
        }
        if (results.allSettled()) {
            return results.finishWithNothing();
        }
        return Step.retry(reason != null ? reason
                : AdminErrors.waitingFor(CALL + ": the broker answered for fewer bindings than were sent"));
    }
}
