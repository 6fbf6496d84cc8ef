package io.brook.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.AccessControlEntry;
import io.brook.admin.AclBinding;
import io.brook.admin.AclBindingFilter;
import io.brook.admin.AclOperation;
import io.brook.admin.AclPermissionType;
import io.brook.admin.PartialFailureException;
import io.brook.admin.PatternType;
import io.brook.admin.ResourcePattern;
import io.brook.admin.ResourceType;
import io.brook.common.errors.InvalidRequestException;
import io.brook.common.errors.SecurityDisabledException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.call.TestMetadata;
import io.brook.protocol.Errors;
import io.brook.protocol.message.CreateAclsRequest;
import io.brook.protocol.message.CreateAclsResponse;
import io.brook.protocol.message.DeleteAclsResponse;
import io.brook.protocol.message.DescribeAclsResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclHandlersTest {
    private static final AclBinding READ = new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, "t", PatternType.LITERAL),
            new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));
    private static final AclBinding WRITE = new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, "t-", PatternType.PREFIXED),
            new AccessControlEntry("User:bob", "*", AclOperation.WRITE, AclPermissionType.DENY));

    private static CreateAclsResponse.AclCreationResult result(Errors error) {
        return CreateAclsResponse.AclCreationResult.builder().errorCode(error.code()).errorMessage(null).build();
    }

    @Test
    void createResultsAreMatchedByPositionAndOnlyRetriableOnesAreSentAgain() {
        AclBinding third = new AclBinding(READ.pattern(), new AccessControlEntry("User:carol", "*",
                AclOperation.DESCRIBE, AclPermissionType.ALLOW));
        CreateAclsHandler handler = new CreateAclsHandler(List.of(READ, WRITE, third));
        CallRequest first = handler.nextRequest(1_000);
        CreateAclsRequest body = (CreateAclsRequest) first.body();
        assertThat(body.creations()).extracting(CreateAclsRequest.AclCreation::principal)
                .containsExactly("User:alice", "User:bob", "User:carol");
        assertThat(body.creations().get(1).resourcePatternType()).isEqualTo(PatternType.PREFIXED.code());

        Step<Void> step = handler.onResponse(first, TestMetadata.broker(1), CreateAclsResponse.builder()
                .results(List.of(result(Errors.NONE), result(Errors.NOT_CONTROLLER), result(Errors.INVALID_REQUEST)))
                .build());
        assertThat(step).isInstanceOf(Step.Retry.class);

        CallRequest second = handler.nextRequest(1_000);
        assertThat(((CreateAclsRequest) second.body()).creations()).extracting(CreateAclsRequest.AclCreation::principal)
                .containsExactly("User:bob");
        Step<Void> end = handler.onResponse(second, TestMetadata.broker(1),
                CreateAclsResponse.builder().results(List.of(result(Errors.NONE))).build());
        PartialFailureException partial = (PartialFailureException) ((Step.Failed<?>) end).error();
        assertThat(partial.failures(AclBinding.class)).containsOnlyKeys(third);
        assertThat(partial.failures().get(third)).isInstanceOf(InvalidRequestException.class);
        assertThat(partial.succeeded()).containsExactly(READ, WRITE);
    }

    @Test
    void describedBindingsAreMappedAndUnknownValuesLeftOut() {
        DescribeAclsHandler handler = new DescribeAclsHandler(AclBindingFilter.ANY);
        DescribeAclsResponse response = DescribeAclsResponse.builder().errorCode(Errors.NONE.code())
                .resources(List.of(DescribeAclsResponse.DescribeAclsResource.builder()
                        .resourceType(ResourceType.TOPIC.code()).resourceName("t")
                        .patternType(PatternType.LITERAL.code()).acls(List.of(
                                DescribeAclsResponse.AclDescription.builder().principal("User:alice").host("*")
                                        .operation(AclOperation.READ.code())
                                        .permissionType(AclPermissionType.ALLOW.code()).build(),
                                DescribeAclsResponse.AclDescription.builder().principal("User:x").host("*")
                                        .operation((byte) 99).permissionType(AclPermissionType.ALLOW.code())
                                        .build())).build())).build();

        assertThat(handler.onResponse(handler.nextRequest(1_000), TestMetadata.broker(1), response))
                .isEqualTo(Step.done(List.of(READ)));
        Step<List<AclBinding>> disabled = handler.onResponse(handler.nextRequest(1_000), TestMetadata.broker(1),
                DescribeAclsResponse.builder().errorCode(Errors.SECURITY_DISABLED.code()).build());
        assertThat(((Step.Failed<?>) disabled).error()).isInstanceOf(SecurityDisabledException.class);
    }

    @Test
    void deletedBindingsAreUnitedAcrossFilters() {
        DeleteAclsHandler handler = new DeleteAclsHandler(List.of(AclBindingFilter.of(READ), AclBindingFilter.ANY));
        DeleteAclsResponse.DeleteAclsMatchingAcl read = DeleteAclsResponse.DeleteAclsMatchingAcl.builder()
                .errorCode(Errors.NONE.code()).resourceType(ResourceType.TOPIC.code()).resourceName("t")
                .patternType(PatternType.LITERAL.code()).principal("User:alice").host("*")
                .operation(AclOperation.READ.code()).permissionType(AclPermissionType.ALLOW.code()).build();
        DeleteAclsResponse response = DeleteAclsResponse.builder().filterResults(List.of(
                DeleteAclsResponse.DeleteAclsFilterResult.builder().errorCode(Errors.NONE.code())
                        .matchingAcls(List.of(read)).build(),
                DeleteAclsResponse.DeleteAclsFilterResult.builder().errorCode(Errors.NONE.code())
                        .matchingAcls(List.of(read)).build())).build();

        assertThat(handler.onResponse(handler.nextRequest(1_000), TestMetadata.broker(1), response))
                .isEqualTo(Step.done(List.of(READ)));
    }
}
