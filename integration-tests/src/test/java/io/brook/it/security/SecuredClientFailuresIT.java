package io.brook.it.security;

import static io.brook.it.security.SecuredCluster.PASSWORD;
import static io.brook.it.security.SecuredCluster.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.brook.common.Deserializers;
import io.brook.common.Serializers;
import io.brook.common.config.ProducerOptions;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.SaslAuthenticationException;
import io.brook.common.errors.SslAuthenticationException;
import io.brook.common.errors.SslAuthenticationException.Reason;
import io.brook.consumer.Consumer;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import io.brook.testkit.Listener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Producer and the Consumer against every security failure of a real broker: a wrong password or an unknown
 * user (SCRAM-SHA-256, SCRAM-SHA-512, PLAIN), TLS against a plaintext port, an untrusted or expired certificate,
 * a host name mismatch, mutual TLS without a client certificate. Each fails fast (far inside
 * {@code delivery.timeout.ms}, {@code max.block.ms} and {@code default.api.timeout.ms}) with the typed,
 * non-retriable error that says which failure and names the broker: the producer's send futures (and
 * {@code flush} returns), the consumer's {@code poll}. The broker sees a handful of authentication attempts, not a
 * storm, and no credential shows in the error, its causes, the client's {@code toString()}, its options or
 * anything logged.
 */
class SecuredClientFailuresIT {
    private static final String WRONG_PASSWORD = "wr0ng-pw-91d4";
    /** Far shorter than any client timeout below: a client that retried would still be waiting. */
    private static final long FAST_MS = 10_000;
    private static final int LONG_TIMEOUT_MS = 120_000;
    /** How long a failed client stays open afterwards, to see whether it keeps reconnecting. */
    private static final long LINGER_MS = 3_000;
    /** Failed SASL attempts allowed over a test: the reconnect backoff (50 ms doubling to 1 s) allows about 7. */
    private static final long MAX_ATTEMPTS = 10;

    /** A failure: how to break the listener's configuration, what error to expect, what must not leak. */
    record Failure(String name, Listener listener, UnaryOperator<Map<String, Object>> breaker,
            Class<? extends BrookException> type, Reason reason,
            String mentions, List<String> secrets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> failures() {
        String certPassword = SecuredCluster.get().certificates().password();
        List<String> passwords = List.of(WRONG_PASSWORD, PASSWORD);
        String ssl = SecuredCluster.get().bootstrapServers(Listener.SSL);
        return Stream.of(
                sasl("wrong SCRAM-SHA-256 password", Listener.SASL_PLAINTEXT, "SCRAM-SHA-256", USER, passwords),
                sasl("wrong SCRAM-SHA-512 password over TLS", Listener.SASL_SSL, "SCRAM-SHA-512", USER, passwords),
                sasl("wrong PLAIN password", Listener.SASL_PLAINTEXT, "PLAIN", USER, passwords),
                sasl("unknown SCRAM-SHA-256 user", Listener.SASL_SSL, "SCRAM-SHA-256", "mallory", passwords),
                tls("TLS against a plaintext port", Listener.SSL, c -> {
                    c.put("bootstrap.servers", SecuredCluster.get().bootstrapServers());
                    return c;
                }, Reason.NOT_TLS, "PLAINTEXT", certPassword),
                tls("untrusted certificate", Listener.SSL, c -> {
                    c.put("ssl.truststore.location",
                            SecuredCluster.get().certificates().otherAuthorityTruststorePkcs12().toString());
                    return c;
                }, Reason.UNTRUSTED_CERTIFICATE, ssl, certPassword),
                tls("expired certificate", Listener.SSL_EXPIRED_CERTIFICATE, c -> c, Reason.EXPIRED_CERTIFICATE,
                        SecuredCluster.get().bootstrapServers(Listener.SSL_EXPIRED_CERTIFICATE), certPassword),
                tls("host name mismatch", Listener.SSL_WRONG_HOST, c -> c, Reason.HOSTNAME_MISMATCH, "127.0.0.1",
                        certPassword),
                tls("mutual TLS without a client certificate", Listener.MTLS, c -> {
                    c.keySet().removeIf(key -> key.startsWith("ssl.keystore.") || key.equals("ssl.key.password"));
                    return c;
                }, Reason.HANDSHAKE_REJECTED, SecuredCluster.get().bootstrapServers(Listener.MTLS), certPassword))
                .flatMap(f -> Stream.of("jdk", "openssl").filter(e -> f.listener().usesTls() || e.equals("jdk"))
                        .map(engine -> Arguments.of(f, engine)));
    }

    private static Failure sasl(String name, Listener listener, String mechanism, String user, List<String> secrets) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return new Failure(name, listener, c -> {
            c.put("sasl.mechanism", mechanism);
            c.put("sasl.jaas.config", module + " required username=\"" + user + "\" password=\"" + WRONG_PASSWORD
                    + "\";");
            return c;
        }, SaslAuthenticationException.class, null, mechanism, secrets);
    }

    private static Failure tls(String name, Listener listener, UnaryOperator<Map<String, Object>> breaker,
            Reason reason, String mentions, String secret) {
        return new Failure(name, listener, breaker, SslAuthenticationException.class, reason, mentions,
                List.of(secret));
    }

    private static Map<String, Object> config(Failure failure, String engine, String clientId) {
        Map<String, Object> config = new HashMap<>(SecuredCluster.get().clientProperties(failure.listener()));
        config.put("brook.ssl.provider", engine);
        config.put("client.id", clientId);
        return failure.breaker().apply(config);
    }

    /** Checks the error is the expected typed one, names the broker, and shows no secret in any message. */
    private static void checkError(Failure failure, Throwable error) {
        assertThat(error).isInstanceOf(failure.type()).hasMessageContaining(failure.mentions());
        assertThat(((BrookException) error).isRetriable()).as("retriable").isFalse();
        if (failure.reason() != null) {
            assertThat(((SslAuthenticationException) error).reason()).isEqualTo(failure.reason());
        }
        if (failure.type() == SaslAuthenticationException.class) {
            assertThat(error).hasMessageContaining(SecuredCluster.get().bootstrapServers(failure.listener()));
        }
        String[] secrets = failure.secrets().toArray(String[]::new);
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secrets);
            assertThat(t.toString()).doesNotContain(secrets);
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("failures")
    void theProducerFailsItsSendsFastWithTheTypedError(Failure failure, String engine) throws Exception {
        Map<String, Object> config = config(failure, engine, "secured-failing-producer");
        config.put("delivery.timeout.ms", LONG_TIMEOUT_MS);
        config.put("request.timeout.ms", LONG_TIMEOUT_MS / 4);
        config.put("max.block.ms", LONG_TIMEOUT_MS);
        String[] secrets = failure.secrets().toArray(String[]::new);
        long attemptsBefore = SecuredCluster.failedAuthentications();
        try (CapturedOutput output = new CapturedOutput()) {
            try (Producer<String, String> producer = Producer.create(config, Serializers.string(),
                    Serializers.string())) {
                long start = System.nanoTime();
                List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    sends.add(producer.send(ProducerRecord.of("secured-failure-" + UUID.randomUUID(), "k" + i,
                            "v" + i)));
                }
                producer.flush();
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(tookMs).as("flush returned after every send failed, without retrying").isLessThan(FAST_MS);
                for (CompletableFuture<RecordMetadata> send : sends) {
                    assertThat(send).isCompletedExceptionally();
                    checkError(failure, catchThrowable(send::join).getCause());
                }
                assertThat(producer.toString()).doesNotContain(secrets);
                lingerIfSasl(failure);
            }
            assertThat(ProducerOptions.fromMap(config).toString()).doesNotContain(secrets);
            assertThat(output.text()).doesNotContain(secrets);
        }
        checkAttempts(failure, attemptsBefore);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("failures")
    void theConsumerFailsItsPollFastWithTheTypedError(Failure failure, String engine) throws Exception {
        Map<String, Object> config = config(failure, engine, "secured-failing-consumer");
        config.put("group.id", "secured-failure-" + UUID.randomUUID());
        config.put("default.api.timeout.ms", LONG_TIMEOUT_MS);
        String[] secrets = failure.secrets().toArray(String[]::new);
        long attemptsBefore = SecuredCluster.failedAuthentications();
        try (CapturedOutput output = new CapturedOutput()) {
            try (Consumer<String, String> consumer = Consumer.create(config, Deserializers.string(),
                    Deserializers.string())) {
                consumer.subscribe(List.of("secured-failure-" + UUID.randomUUID()));
                long start = System.nanoTime();
                Throwable error = catchThrowable(() -> consumer.poll(Duration.ofMillis(LONG_TIMEOUT_MS)));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(tookMs).as("poll failed without retrying").isLessThan(FAST_MS);
                checkError(failure, error);
                assertThat(consumer.toString()).doesNotContain(secrets);
                lingerIfSasl(failure);
            }
            assertThat(output.text()).doesNotContain(secrets);
        }
        checkAttempts(failure, attemptsBefore);
    }

    /** Keeps a client that failed SASL open a while, so that {@link #checkAttempts} sees any reconnect storm. */
    private static void lingerIfSasl(Failure failure) throws InterruptedException {
        if (failure.type() == SaslAuthenticationException.class) {
            Thread.sleep(LINGER_MS);
        }
    }

    /** A SASL failure reached the broker a handful of times over the whole test, not in a storm. */
    private static void checkAttempts(Failure failure, long before) throws InterruptedException {
        if (failure.type() != SaslAuthenticationException.class) {
            return;
        }
        Thread.sleep(500); // the broker's log is written asynchronously
        assertThat(SecuredCluster.failedAuthentications() - before).as("failed authentications at the broker")
                .isBetween(1L, MAX_ATTEMPTS);
    }
}
