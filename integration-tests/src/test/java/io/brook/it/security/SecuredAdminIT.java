package io.brook.it.security;

import static io.brook.it.security.SecuredCluster.PASSWORD;
import static io.brook.it.security.SecuredCluster.USER;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.Admin;
import io.brook.admin.NewTopic;
import io.brook.common.config.OAuthBearerToken;
import io.brook.common.config.OAuthBearerTokenSupplier;
import io.brook.common.config.Password;
import io.brook.common.config.SaslMechanism;
import io.brook.common.config.SecurityConfigs;
import io.brook.testkit.Listener;
import io.brook.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Brook's Admin over every kind of secured listener of a real broker: SSL with each trust store form (JKS, PKCS12,
 * PEM file, inline PEM), mutual TLS with each key store form, SASL_PLAINTEXT with PLAIN and SCRAM-SHA-256 (JAAS and
 * typed credentials), SASL_SSL with SCRAM-SHA-512 and OAUTHBEARER (unsecured JAAS login and a token supplier);
 * the TLS ones on both engines (the JDK's and OpenSSL). Each creates, lists, describes and deletes a topic.
 */
class SecuredAdminIT {
    private static final long TIMEOUT_S = 60;

    static Stream<Arguments> connections() throws Exception {
        TestCertificates certs = SecuredCluster.get().certificates();
        String pw = certs.password();
        String scramJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                + "\" password=\"" + PASSWORD + "\";";
        return Stream.of(
                Arguments.of("SSL, JKS trust store", Listener.SSL, Map.of(
                        "ssl.truststore.location", certs.truststoreJks().toString(), "ssl.truststore.type", "JKS",
                        "ssl.truststore.password", pw)),
                Arguments.of("SSL, PKCS12 trust store", Listener.SSL, Map.of()),
                Arguments.of("SSL, PEM trust store file", Listener.SSL, Map.of(
                        "ssl.truststore.location", certs.caCertificatePem().toString(), "ssl.truststore.type", "PEM",
                        "ssl.truststore.password", Map.of())),
                Arguments.of("SSL, inline PEM certificates", Listener.SSL, Map.of(
                        "ssl.truststore.location", Map.of(), "ssl.truststore.password", Map.of(),
                        "ssl.truststore.type", "PEM",
                        "ssl.truststore.certificates", Files.readString(certs.caCertificatePem()))),
                Arguments.of("mutual TLS, PKCS12 key store", Listener.MTLS, Map.of()),
                Arguments.of("mutual TLS, JKS key store", Listener.MTLS, Map.of(
                        "ssl.keystore.location", certs.clientKeystoreJks().toString(), "ssl.keystore.type", "JKS")),
                Arguments.of("mutual TLS, PEM key store file", Listener.MTLS, Map.of(
                        "ssl.keystore.location", certs.clientKeystorePem().toString(), "ssl.keystore.type", "PEM",
                        "ssl.keystore.password", Map.of(), "ssl.key.password", Map.of())),
                Arguments.of("mutual TLS, inline PEM key and chain", Listener.MTLS, Map.of(
                        "ssl.keystore.location", Map.of(), "ssl.keystore.password", Map.of(),
                        "ssl.key.password", Map.of(), "ssl.keystore.type", "PEM",
                        "ssl.keystore.key", Files.readString(certs.clientKeyPem()),
                        "ssl.keystore.certificate.chain", Files.readString(certs.clientCertificateChainPem()))),
                Arguments.of("SASL_PLAINTEXT, PLAIN", Listener.SASL_PLAINTEXT, Map.of("sasl.mechanism", "PLAIN",
                        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                                + "username=\"" + USER + "\" password=\"" + PASSWORD + "\";")),
                Arguments.of("SASL_PLAINTEXT, SCRAM-SHA-256", Listener.SASL_PLAINTEXT, Map.of(
                        "sasl.mechanism", "SCRAM-SHA-256", "sasl.jaas.config", scramJaas)),
                Arguments.of("SASL_PLAINTEXT, SCRAM-SHA-256, typed credentials", Listener.SASL_PLAINTEXT, Map.of(
                        "sasl.mechanism", SaslMechanism.SCRAM_SHA_256, "brook.sasl.username", USER,
                        "brook.sasl.password", Password.of(PASSWORD))),
                Arguments.of("SASL_SSL, SCRAM-SHA-512", Listener.SASL_SSL, Map.of(
                        "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", scramJaas)),
                Arguments.of("SASL_SSL, OAUTHBEARER, unsecured JAAS login", Listener.SASL_SSL, Map.of(
                        "sasl.mechanism", "OAUTHBEARER", "sasl.jaas.config",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                                + "unsecuredLoginStringClaim_sub=\"" + USER + "\";")),
                Arguments.of("SASL_SSL, OAUTHBEARER, token supplier", Listener.SASL_SSL, Map.of(
                        "sasl.mechanism", "OAUTHBEARER", "brook.sasl.oauthbearer.token.supplier",
                        unsecuredTokens(USER, Duration.ofMinutes(10)))));
    }

    /** Every connection on each TLS engine. */
    static Stream<Arguments> connectionsAndEngines() throws Exception {
        return connections().flatMap(args -> {
            Listener listener = (Listener) args.get()[1];
            List<String> engines = listener.usesTls() ? List.of("jdk", "openssl") : List.of("auto");
            return engines.stream().map(engine -> Arguments.of(args.get()[0], listener, args.get()[2], engine));
        });
    }

    /** Unsigned JWTs, as the broker's default OAUTHBEARER validator accepts, made by the test itself. */
    static OAuthBearerTokenSupplier unsecuredTokens(String subject, Duration lifetime) {
        return () -> {
            Instant now = Instant.now();
            Instant exp = now.plus(lifetime);
            String payload = "{\"sub\":\"" + subject + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                    + exp.getEpochSecond() + "}";
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String jwt = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
            return CompletableFuture.completedFuture(OAuthBearerToken.of(jwt, now, exp));
        };
    }

    /** The listener's client properties with {@code overrides}; an empty map as a value removes the key. */
    static Map<String, Object> config(Listener listener, Map<String, Object> overrides, String engine) {
        Map<String, Object> config = new HashMap<>(SecuredCluster.get().clientProperties(listener));
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
        config.put(SecurityConfigs.SSL_PROVIDER.name(), engine);
        config.put("client.id", "secured-admin-it");
        return config;
    }

    @ParameterizedTest(name = "{0} ({3})")
    @MethodSource("connectionsAndEngines")
    void adminWorksOver(String name, Listener listener, Map<String, Object> overrides, String engine)
            throws Exception {
        String topic = "secured-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(config(listener, overrides, engine))) {
            assertThat(admin.describeCluster().get(TIMEOUT_S, TimeUnit.SECONDS).nodes()).hasSize(1);
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(admin.listTopics().get(TIMEOUT_S, TimeUnit.SECONDS)).contains(topic);
            assertThat(admin.describeTopics(List.of(topic)).get(TIMEOUT_S, TimeUnit.SECONDS).get(topic).partitions())
                    .hasSize(2);
            admin.deleteTopics(List.of(topic)).get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }
}
