package io.brook.it.admin;

import static io.brook.it.admin.AdminItBase.failure;
import static io.brook.it.admin.AdminItBase.get;
import static io.brook.it.admin.KafkaClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brook.admin.AccessControlEntry;
import io.brook.admin.AclBinding;
import io.brook.admin.AclBindingFilter;
import io.brook.admin.AclOperation;
import io.brook.admin.AclPermissionType;
import io.brook.admin.Admin;
import io.brook.admin.NewTopic;
import io.brook.admin.PartialFailureException;
import io.brook.admin.PatternType;
import io.brook.admin.ResourcePattern;
import io.brook.admin.ResourceType;
import io.brook.common.errors.ApiException;
import io.brook.common.errors.ClusterAuthorizationException;
import io.brook.common.errors.GroupAuthorizationException;
import io.brook.common.errors.SecurityDisabledException;
import io.brook.common.errors.TopicAuthorizationException;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.Listener;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ACLs through Brook's Admin against a dedicated single-node cluster started with {@code StandardAuthorizer} (this
 * class only: the shared cluster has no authorizer), every result cross-checked with kafka-clients' Admin. The
 * clients connect to the PLAINTEXT listener as {@code User:ANONYMOUS}, a super user, except in the test of a SASL
 * user without ACLs.
 */
@ExtendWith(KafkaClusterExtension.class)
class AclAdminIT {
    private static final long TIMEOUT_S = 60;
    /** A SASL user with no ACL of its own, so every call it makes is denied until one is granted. */
    private static final String SASL_USER = "carol";
    private static final String SASL_PASSWORD = "carol-pw-51a9";
    private static KafkaCluster secured;

    private Admin brook;
    private org.apache.kafka.clients.admin.Admin kafka;

    @BeforeAll
    static void startSecuredCluster() {
        assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null,
                "an external cluster cannot be started with an authorizer");
        secured = KafkaCluster.builder().standardAuthorizer().listener(Listener.SASL_PLAINTEXT)
                .saslUser(SASL_USER, SASL_PASSWORD).build();
        secured.start();
    }

    @AfterAll
    static void stopSecuredCluster() {
        if (secured != null) {
            secured.close();
        }
    }

    @BeforeEach
    void connect() {
        brook = Admin.create(Map.of("bootstrap.servers", secured.bootstrapServers(), "client.id", "brook-acl-it"));
        kafka = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", secured.bootstrapServers()));
    }

    @AfterEach
    void close() {
        brook.close(Duration.ofSeconds(10));
        kafka.close(Duration.ofSeconds(10));
    }

    private static AclBinding binding(ResourceType type, String name, PatternType pattern, String principal,
            AclOperation operation, AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, permission));
    }

    private static org.apache.kafka.common.acl.AclBindingFilter kafkaFilter(AclBindingFilter f) {
        return new org.apache.kafka.common.acl.AclBindingFilter(
                new org.apache.kafka.common.resource.ResourcePatternFilter(
                        org.apache.kafka.common.resource.ResourceType.valueOf(f.resourceType().name()), f.name(),
                        org.apache.kafka.common.resource.PatternType.valueOf(f.patternType().name())),
                new org.apache.kafka.common.acl.AccessControlEntryFilter(f.principal(), f.host(),
                        org.apache.kafka.common.acl.AclOperation.valueOf(f.operation().name()),
                        org.apache.kafka.common.acl.AclPermissionType.valueOf(f.permissionType().name())));
    }

    private static org.apache.kafka.common.acl.AclBinding kafkaBinding(AclBinding b) {
        return new org.apache.kafka.common.acl.AclBinding(new org.apache.kafka.common.resource.ResourcePattern(
                org.apache.kafka.common.resource.ResourceType.valueOf(b.pattern().resourceType().name()),
                b.pattern().name(),
                org.apache.kafka.common.resource.PatternType.valueOf(b.pattern().patternType().name())),
                new org.apache.kafka.common.acl.AccessControlEntry(b.entry().principal(), b.entry().host(),
                        org.apache.kafka.common.acl.AclOperation.valueOf(b.entry().operation().name()),
                        org.apache.kafka.common.acl.AclPermissionType.valueOf(b.entry().permissionType().name())));
    }

    /** What kafka-clients describes for {@code filter}, in Brook's terms. */
    private Set<AclBinding> kafkaDescribe(AclBindingFilter filter) throws Exception {
        Set<AclBinding> bindings = new HashSet<>();
        kafka.describeAcls(kafkaFilter(filter)).values().get(TIMEOUT_S, TimeUnit.SECONDS).forEach(b -> bindings.add(
                binding(ResourceType.valueOf(b.pattern().resourceType().name()), b.pattern().name(),
                        PatternType.valueOf(b.pattern().patternType().name()), b.entry().principal(),
                        AclOperation.valueOf(b.entry().operation().name()),
                        AclPermissionType.valueOf(b.entry().permissionType().name()))));
        return bindings;
    }

    @Test
    void createDescribeAndDeleteAclsAsKafkaClientsSeesThem() throws Exception {
        String user = "User:" + unique("alice");
        String topic = unique("acl-topic");
        AclBinding readTopic = binding(ResourceType.TOPIC, topic, PatternType.LITERAL, user, AclOperation.READ,
                AclPermissionType.ALLOW);
        AclBinding groups = binding(ResourceType.GROUP, "team-", PatternType.PREFIXED, user, AclOperation.READ,
                AclPermissionType.ALLOW);
        AclBinding noCluster = binding(ResourceType.CLUSTER, ResourcePattern.CLUSTER_NAME, PatternType.LITERAL, user,
                AclOperation.ALTER, AclPermissionType.DENY);

        get(brook.createAcls(List.of(readTopic, groups, noCluster)));

        AclBindingFilter users = AclBindingFilter.ANY.withPrincipal(user);
        assertThat(Set.copyOf(get(brook.describeAcls(users)))).containsExactlyInAnyOrder(readTopic, groups, noCluster)
                .isEqualTo(kafkaDescribe(users));
        assertThat(Set.copyOf(get(brook.describeAcls(AclBindingFilter.ANY)))).isEqualTo(kafkaDescribe(
                AclBindingFilter.ANY));
        AclBindingFilter matching = new AclBindingFilter(ResourceType.GROUP, "team-blue", PatternType.MATCH, user,
                null, AclOperation.ANY, AclPermissionType.ANY);
        assertThat(get(brook.describeAcls(matching))).containsExactly(groups);

        List<AclBinding> deleted = get(brook.deleteAcls(List.of(AclBindingFilter.forResource(ResourceType.TOPIC, topic),
                AclBindingFilter.of(noCluster))));

        assertThat(deleted).containsExactlyInAnyOrder(readTopic, noCluster);
        assertThat(kafkaDescribe(users)).containsExactly(groups);
        assertThat(get(brook.deleteAcls(List.of(AclBindingFilter.of(readTopic))))).as("nothing left to delete")
                .isEmpty();
        get(brook.deleteAcls(List.of(users)));
        assertThat(kafkaDescribe(users)).isEmpty();
    }

    @Test
    void anAclTheBrokerRejectsFailsOnItsOwnAndTheOthersAreCreated() throws Exception {
        String user = "User:" + unique("bob");
        AclBinding good = binding(ResourceType.TOPIC, unique("acl-good"), PatternType.LITERAL, user,
                AclOperation.WRITE, AclPermissionType.ALLOW);
        // The cluster resource has one name: the broker refuses any other.
        AclBinding rejected = binding(ResourceType.CLUSTER, "not-the-cluster", PatternType.LITERAL, user,
                AclOperation.ALTER, AclPermissionType.ALLOW);

        Throwable error = failure(brook.createAcls(List.of(good, rejected)));

        ExecutionException byKafka = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> kafka.createAcls(List.of(kafkaBinding(rejected))).all().get(TIMEOUT_S, TimeUnit.SECONDS));
        PartialFailureException partial = (PartialFailureException) error;
        assertThat(partial.failures(AclBinding.class)).containsOnlyKeys(rejected);
        assertThat(partial.failures().get(rejected).error().code())
                .isEqualTo(org.apache.kafka.common.protocol.Errors.forException(byKafka.getCause()).code());
        assertThat(partial.succeeded()).containsExactly(good);
        assertThat(kafkaDescribe(AclBindingFilter.ANY.withPrincipal(user))).containsExactly(good);
    }

    /** The client properties of the SASL_PLAINTEXT listener with PLAIN credentials of the user without ACLs. */
    private static Map<String, Object> saslUserConfig() {
        Map<String, Object> config = new HashMap<>(secured.clientProperties(Listener.SASL_PLAINTEXT));
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + SASL_USER + "\" password=\"" + SASL_PASSWORD + "\";");
        return config;
    }

    /** The code kafka-clients' call fails with, for the same user. */
    private static short kafkaErrorCode(org.apache.kafka.common.KafkaFuture<?> future) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(TIMEOUT_S, TimeUnit.SECONDS));
        return org.apache.kafka.common.protocol.Errors.forException(e.getCause()).code();
    }

    @Test
    void aSaslUserWithoutAclsIsDeniedWithTheTypedAuthorizationError() throws Exception {
        String topic = unique("denied-topic");
        String group = unique("denied-group");
        Map<String, Object> config = saslUserConfig();
        config.put("client.id", "brook-denied");
        try (Admin denied = Admin.create(config);
                org.apache.kafka.clients.admin.Admin oracle = org.apache.kafka.clients.admin.Admin.create(
                        saslUserConfig())) {
            Throwable acls = failure(denied.describeAcls(AclBindingFilter.ANY));
            assertThat(acls).isInstanceOf(ClusterAuthorizationException.class)
                    .hasMessageContaining("CLUSTER_AUTHORIZATION_FAILED");
            assertThat(((ApiException) acls).error().code()).isEqualTo(kafkaErrorCode(
                    oracle.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values()));

            Throwable create = failure(denied.createTopics(List.of(new NewTopic(topic, 1, (short) 1))));
            assertThat(create).isInstanceOf(TopicAuthorizationException.class).hasMessageContaining(topic);
            assertThat(((ApiException) create).error().code()).isEqualTo(kafkaErrorCode(oracle.createTopics(List.of(
                    new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all()));

            Throwable offsets = failure(denied.listConsumerGroupOffsets(group));
            assertThat(offsets).isInstanceOf(GroupAuthorizationException.class).hasMessageContaining(group);
            assertThat(((ApiException) offsets).error().code()).isEqualTo(kafkaErrorCode(
                    oracle.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()));

            // Granted by the super user, the same call goes through.
            get(brook.createAcls(List.of(binding(ResourceType.TOPIC, topic, PatternType.LITERAL, "User:" + SASL_USER,
                    AclOperation.CREATE, AclPermissionType.ALLOW))));
            get(denied.createTopics(List.of(new NewTopic(topic, 1, (short) 1))));
            assertThat(kafka.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS)).contains(topic);
        }
    }

    @Test
    void withoutAnAuthorizerAclCallsFailWithSecurityDisabled(KafkaCluster shared) throws Exception {
        try (Admin plain = Admin.create(Map.of("bootstrap.servers", shared.bootstrapServers()));
                org.apache.kafka.clients.admin.Admin oracle = org.apache.kafka.clients.admin.Admin.create(
                        Map.of("bootstrap.servers", shared.bootstrapServers()))) {
            Throwable error = failure(plain.describeAcls(AclBindingFilter.ANY));

            ExecutionException byKafka = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> oracle.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values()
                            .get(TIMEOUT_S, TimeUnit.SECONDS));
            assertThat(error).isInstanceOf(SecurityDisabledException.class).hasMessageContaining("SECURITY_DISABLED");
            assertThat(((ApiException) error).error().code())
                    .isEqualTo(org.apache.kafka.common.protocol.Errors.forException(byKafka.getCause()).code());
        }
    }
}
