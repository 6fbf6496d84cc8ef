package io.brook.admin.internal;

import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DeleteGroupsRequest;
import io.brook.protocol.message.DeleteGroupsResponse;
import java.util.Collection;
import java.util.List;

/**
 * {@code deleteConsumerGroups}: DeleteGroups to each group's coordinator, one request per group, all in one round.
 * A group with members fails with NON_EMPTY_GROUP, an unknown one with GROUP_ID_NOT_FOUND; the others are still
 * deleted. Coordinator errors are retried for the groups they concern.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DeleteConsumerGroupsHandler implements CallHandler<Void> {
    static final String CALL = "deleteConsumerGroups";

    private final ResourceResults<String, Void> results;

    /** @param groupIds not empty; duplicates are deleted once */
    public DeleteConsumerGroupsHandler(Collection<String> groupIds) {
        this.results = new ResourceResults<>(CALL, groupIds);
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return GroupSteps.toEachCoordinator(results.pending(), CoordinatorKey::group,
                group -> DeleteGroupsRequest.builder().groupsNames(List.of(group)).build());
    }

    @Override
    public Step<Void> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        String group = request.coordinatorKey().key();
        for (DeleteGroupsResponse.DeletableGroupResult r : ((DeleteGroupsResponse) response).results()) {
            if (!group.equals(r.groupId())) {
                continue;
            }
            Errors error = AdminErrors.forCode(r.errorCode());
            if (error == Errors.NONE) {
                results.succeed(group, null);
            } else if (error.isRetriable()) {
                return Step.retry(AdminErrors.forGroup(CALL, group, error, null));
            } else {
                results.fail(group, AdminErrors.forGroup(CALL, group, error, null));
            }
        }
        return GroupSteps.after(results, group, CALL, results::finishWithNothing);
    }

    @Override
    public Step<Void> onFailure(CallRequest request, Endpoint to, Throwable error) {
        return GroupSteps.onFailure(results, request.coordinatorKey().key(), CALL, error, results::finishWithNothing);
    }
}
