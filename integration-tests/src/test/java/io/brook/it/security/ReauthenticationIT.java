package io.brook.it.security;

import static io.brook.it.security.SecuredCluster.PASSWORD;
import static io.brook.it.security.SecuredCluster.USER;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.config.AdminConfigs;
import io.brook.common.errors.SaslAuthenticationException;
import io.brook.core.internal.config.NetworkConfigs;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.NetworkClient;
import io.brook.core.internal.network.RequestSender;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.testkit.Listener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The raw network client over SASL listeners whose broker ends sessions after {@value SecuredCluster#SESSION_MS}
 * ms (KIP-368): requests keep working across several session lifetimes because the connection re-authenticates
 * before the broker would close it (a broker closes a connection whose session expired at its next request, which
 * would fail that request); and a wrong password fails every request with the typed error at the pace of the
 * reconnect backoff, not in a storm.
 */
class ReauthenticationIT {
    private static final long RUN_MS = 3 * SecuredCluster.SESSION_MS;

    private static Endpoint endpoint(Listener listener) {
        String first = SecuredCluster.get().bootstrapServers(listener).split(",")[0];
        return new Endpoint(-1, first.substring(0, first.lastIndexOf(':')),
                Integer.parseInt(first.substring(first.lastIndexOf(':') + 1)));
    }

    private static NetworkClient client(Listener listener, Map<String, Object> extra, String clientId) {
        Map<String, Object> config = new HashMap<>(SecuredCluster.get().clientProperties(listener));
        config.putAll(extra);
        return new NetworkClient(NetworkConfigs.from(AdminConfigs.DEFINITION.parse(config), clientId));
    }

    /** Sends a Metadata request every 200 ms for {@link #RUN_MS}; returns the failures. */
    private static List<Throwable> keepSending(NetworkClient client, Endpoint endpoint) throws Exception {
        RequestSender sender = client.sender(Runnable::run);
        List<Throwable> failures = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MS);
        int answered = 0;
        while (System.nanoTime() < end) {
            CompletableFuture<MetadataResponse> response = sender.send(endpoint, MetadataRequest.builder().build());
            try {
                assertThat(response.get(30, TimeUnit.SECONDS).brokers()).hasSize(1);
                answered++;
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
            Thread.sleep(200);
        }
        assertThat(answered).isGreaterThan(10);
        return failures;
    }

    @Test
    void scramSessionsAreRenewedOnTheSameConnection() throws Exception {
        try (NetworkClient client = client(Listener.SASL_PLAINTEXT, Map.of("sasl.mechanism", "SCRAM-SHA-256",
                "brook.sasl.username", USER, "brook.sasl.password", PASSWORD), "reauth-scram")) {
            assertThat(keepSending(client, endpoint(Listener.SASL_PLAINTEXT))).isEmpty();
        }
    }

    @Test
    void oauthBearerSessionsAreRenewedWithRefreshedTokens() throws Exception {
        AtomicInteger tokens = new AtomicInteger();
        // 6 s tokens (refreshed after 4.8 s) leave a broker under load over a second to check one before it expires.
        var supplier = SecuredAdminIT.unsecuredTokens(USER, Duration.ofSeconds(6));
        try (NetworkClient client = client(Listener.SASL_SSL, Map.of("sasl.mechanism", "OAUTHBEARER",
                "brook.sasl.oauthbearer.token.supplier", (io.brook.common.config.OAuthBearerTokenSupplier) () -> {
                    tokens.incrementAndGet();
                    return supplier.token();
                }), "reauth-oauth")) {
            assertThat(keepSending(client, endpoint(Listener.SASL_SSL))).isEmpty();
        }
        // A 6 s token is refreshed after 4.8 s: over 9 s of re-authentications, several tokens were fetched.
        assertThat(tokens.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWrongPasswordFailsEveryRequestWithoutAStormOfAttempts() throws Exception {
        long before = SecuredCluster.failedAuthentications();
        List<Throwable> failures;
        try (NetworkClient client = client(Listener.SASL_PLAINTEXT, Map.of("sasl.mechanism", "SCRAM-SHA-512",
                "brook.sasl.username", USER, "brook.sasl.password", "not-" + PASSWORD), "reauth-storm")) {
            RequestSender sender = client.sender(Runnable::run);
            failures = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end) {
                try {
                    sender.send(endpoint(Listener.SASL_PLAINTEXT), MetadataRequest.builder().build())
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
                Thread.sleep(10);
            }
        }
        assertThat(failures).isNotEmpty().allSatisfy(e -> assertThat(e)
                .isInstanceOf(SaslAuthenticationException.class).hasMessageContaining("SCRAM-SHA-512"));
        // Hundreds of sends; the reconnect backoff (50 ms doubling to 1 s) allows a handful of attempts in 3 s.
        Thread.sleep(500);
        long attempts = SecuredCluster.failedAuthentications() - before;
        assertThat(attempts).isBetween(1L, 8L);
        assertThat(failures.size()).isGreaterThan(50);
    }
}
