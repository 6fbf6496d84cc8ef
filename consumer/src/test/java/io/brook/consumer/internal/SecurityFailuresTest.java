package io.brook.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.NetworkException;
import io.brook.common.errors.SaslAuthenticationException;
import io.brook.common.errors.SslAuthenticationException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class SecurityFailuresTest {
    private final Signal signal = new Signal();
    private final SecurityFailures failures = new SecurityFailures(signal);

    @Test
    void aSecurityFailureIsKeptOnceAndWakesThePollingThread() {
        long before = signal.sequence();
        SaslAuthenticationException error = new SaslAuthenticationException("SASL SCRAM-SHA-256 failed");
        failures.offer(error);
        assertThat(signal.sequence()).isGreaterThan(before);
        assertThat(failures.take()).isSameAs(error);
        assertThat(failures.take()).as("thrown once; the next poll tries again").isNull();
    }

    @Test
    void theLatestSecurityFailureWins() {
        failures.offer(new SaslAuthenticationException("first"));
        SslAuthenticationException latest = new SslAuthenticationException(SslAuthenticationException.Reason.NOT_TLS,
                "second", null);
        failures.offer(latest);
        assertThat(failures.take()).isSameAs(latest);
    }

    @Test
    void otherFailuresAreLeftToTheirRequests() {
        long before = signal.sequence();
        failures.offer(new NetworkException("connection reset"));
        failures.offer(new UnknownTopicOrPartitionException("no such topic"));
        failures.offer(new IllegalStateException("bug"));
        assertThat(failures.take()).isNull();
        assertThat(signal.sequence()).isEqualTo(before);
    }
}
