package io.brook.it.security;

import static io.brook.it.security.SecuredCluster.PASSWORD;
import static io.brook.it.security.SecuredCluster.USER;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.Admin;
import io.brook.common.config.AdminOptions;
import io.brook.common.config.Password;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.SaslAuthenticationException;
import io.brook.common.errors.SslAuthenticationException;
import io.brook.common.errors.SslAuthenticationException.Reason;
import io.brook.testkit.Listener;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every security failure against the real broker ends fast in a typed, non-retriable error that says what went
 * wrong, and no credential appears in the error, its causes, the client's {@code toString()} or anything logged.
 */
class SecurityFailureIT {
    private static final String WRONG_PASSWORD = "wr0ng-pw-5e2b";
    /** Far longer than any failure may take: a retrying client would still be waiting. */
    private static final Duration API_TIMEOUT = Duration.ofSeconds(25);
    private static final long FAST_MS = 10_000;

    private static Map<String, Object> base(Listener listener, String engine) {
        Map<String, Object> config = new HashMap<>(SecuredCluster.get().clientProperties(listener));
        config.put("brook.ssl.provider", engine);
        config.put("client.id", "security-failure-it");
        config.put("default.api.timeout.ms", (int) API_TIMEOUT.toMillis());
        return config;
    }

    /** The error of a describeCluster call, after checking it came fast and showed no secret anywhere. */
    private static Throwable failure(Map<String, Object> config, String... secrets) throws Exception {
        try (CapturedOutput output = new CapturedOutput()) {
            long start = System.nanoTime();
            Throwable error;
            try (Admin admin = Admin.create(config)) {
                CompletableFuture<?> call = admin.describeCluster();
                error = causeOf(call);
                assertThat(admin.toString()).doesNotContain(secrets);
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(tookMs).as("failing takes no retries").isLessThan(FAST_MS);
            assertThat(error).isInstanceOf(BrookException.class);
            assertThat(((BrookException) error).isRetriable()).isFalse();
            for (Throwable t = error; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secrets);
            }
            assertThat(AdminOptions.fromMap(config).toString()).doesNotContain(secrets);
            assertThat(output.text()).doesNotContain(secrets);
            return error;
        }
    }

    private static Throwable causeOf(CompletableFuture<?> call) throws Exception {
        try {
            call.get(API_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    private static String endpointOf(Listener listener) {
        return SecuredCluster.get().bootstrapServers(listener);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN"})
    void aWrongPasswordIsATypedErrorNamingMechanismAndBroker(String mechanism) throws Exception {
        Map<String, Object> config = base(Listener.SASL_PLAINTEXT, "auto");
        config.put("sasl.mechanism", mechanism);
        config.put("sasl.jaas.config", (mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule")
                + " required username=\"" + USER + "\" password=\"" + WRONG_PASSWORD + "\";");
        Throwable error = failure(config, WRONG_PASSWORD, PASSWORD);
        assertThat(error).isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining(mechanism).hasMessageContaining(endpointOf(Listener.SASL_PLAINTEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "PLAIN"})
    void anUnknownUserIsATypedError(String mechanism) throws Exception {
        Map<String, Object> config = base(Listener.SASL_SSL, "auto");
        config.put("sasl.mechanism", mechanism);
        config.put("brook.sasl.username", "mallory");
        config.put("brook.sasl.password", Password.of(WRONG_PASSWORD));
        Throwable error = failure(config, WRONG_PASSWORD);
        assertThat(error).isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining(mechanism).hasMessageContaining(endpointOf(Listener.SASL_SSL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void tlsAgainstAPlaintextPortSaysSo(String engine) throws Exception {
        Map<String, Object> config = base(Listener.SSL, engine);
        config.put("bootstrap.servers", SecuredCluster.get().bootstrapServers());
        Throwable error = failure(config, SecuredCluster.get().certificates().password());
        assertThat(error).isInstanceOfSatisfying(SslAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_TLS)).hasMessageContaining("PLAINTEXT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void anUntrustedCertificateSaysSo(String engine) throws Exception {
        Map<String, Object> config = base(Listener.SSL, engine);
        config.put("ssl.truststore.location",
                SecuredCluster.get().certificates().otherAuthorityTruststorePkcs12().toString());
        Throwable error = failure(config, SecuredCluster.get().certificates().password());
        assertThat(error).isInstanceOfSatisfying(SslAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE))
                .hasMessageContaining(endpointOf(Listener.SSL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void anExpiredCertificateSaysSo(String engine) throws Exception {
        Throwable error = failure(base(Listener.SSL_EXPIRED_CERTIFICATE, engine),
                SecuredCluster.get().certificates().password());
        assertThat(error).isInstanceOfSatisfying(SslAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED_CERTIFICATE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void aHostNameMismatchSaysSoAndVerificationCanBeTurnedOff(String engine) throws Exception {
        Throwable error = failure(base(Listener.SSL_WRONG_HOST, engine), SecuredCluster.get().certificates().password());
        assertThat(error).isInstanceOfSatisfying(SslAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.HOSTNAME_MISMATCH)).hasMessageContaining("127.0.0.1");

        Map<String, Object> unverified = base(Listener.SSL_WRONG_HOST, engine);
        unverified.put("ssl.endpoint.identification.algorithm", "");
        try (Admin admin = Admin.create(unverified)) {
            assertThat(admin.describeCluster().get(60, TimeUnit.SECONDS).nodes()).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void mutualTlsWithoutAClientCertificateIsRejected(String engine) throws Exception {
        Map<String, Object> config = base(Listener.MTLS, engine);
        config.keySet().removeIf(key -> key.startsWith("ssl.keystore.") || key.equals("ssl.key.password"));
        Throwable error = failure(config, SecuredCluster.get().certificates().password());
        assertThat(error).isInstanceOfSatisfying(SslAuthenticationException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.HANDSHAKE_REJECTED));
    }
}
