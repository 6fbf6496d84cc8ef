package io.brook.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.config.AdminConfigs;
import io.brook.common.config.AdminOptions;
import io.brook.common.config.ClientConfig;
import io.brook.common.config.ConfigException;
import io.brook.common.config.OAuthBearerToken;
import io.brook.common.config.Password;
import io.brook.common.config.SaslMechanism;
import io.brook.common.config.SecurityProtocol;
import io.brook.core.ManualTime;
import io.brook.core.Time;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SecurityConfigMappingTest {
    private static final String SECRET = "p4ss-w0rd-never-shown";

    private static ClientConfig config(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(extra);
        values.put("bootstrap.servers", "localhost:9092");
        return AdminConfigs.DEFINITION.parse(values);
    }

    private static SecuritySettings map(Map<String, Object> extra) {
        return SecurityConfigMapping.from(config(extra), Time.SYSTEM);
    }

    @Test
    void plaintextNeedsNothing() {
        assertThat(map(Map.of())).isEqualTo(SecuritySettings.PLAINTEXT);
    }

    @Test
    void readsEachLoginModuleOfSaslJaasConfig() {
        SecuritySettings plain = map(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\""
                        + SECRET + "\";"));
        assertThat(plain.sasl().mechanism()).isEqualTo(SaslMechanism.PLAIN);
        assertThat(plain.tls()).isNull();
        SecuritySettings scram = map(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"alice\" password=\"" + SECRET + "\";"));
        assertThat(scram.sasl().mechanism()).isEqualTo(SaslMechanism.SCRAM_SHA_512);
        assertThat(scram.sasl().toString()).contains("alice").doesNotContain(SECRET);
    }

    @Test
    void unsecuredOAuthBearerLoginMakesAnUnsignedJwtWithTheClaims() throws Exception {
        SecuritySettings oauth = map(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "OAUTHBEARER",
                "sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                        + "unsecuredLoginStringClaim_sub=\"bob\" unsecuredLoginListClaim_scope=\",read,write\" "
                        + "unsecuredLoginLifetimeSeconds=\"60\";"));
        SaslExchange exchange = oauth.sasl().newExchange().get();
        String message = new String(exchange.initialResponse(), StandardCharsets.UTF_8);
        assertThat(message).startsWith("n,,\u0001auth=Bearer ").endsWith("\u0001\u0001");
        String jwt = message.substring("n,,\u0001auth=Bearer ".length(), message.length() - 2);
        String[] parts = jwt.split("\\.", -1);
        assertThat(parts).hasSize(3);
        assertThat(parts[2]).isEmpty();
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"none\"}");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sub\":\"bob\"").contains("\"scope\":[\"read\",\"write\"]")
                .containsPattern("\"exp\":\\d+");
    }

    @Test
    void typedCredentialsAndTokenSupplier() throws Exception {
        AdminOptions options = AdminOptions.builder().bootstrapServers("localhost:9092")
                .securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .saslCredentials(SaslMechanism.SCRAM_SHA_256, "carol", Password.of(SECRET)).build();
        assertThat(SecurityConfigMapping.from(options.config(), Time.SYSTEM).sasl().mechanism())
                .isEqualTo(SaslMechanism.SCRAM_SHA_256);
        assertThat(options.toString()).contains("brook.sasl.password = [hidden]").doesNotContain(SECRET);

        ManualTime time = new ManualTime(1_000_000L);
        OAuthBearerToken token = OAuthBearerToken.of("header.payload.sig", Instant.ofEpochMilli(1_000_000L),
                Instant.ofEpochMilli(2_000_000L));
        AdminOptions oauth = AdminOptions.builder().bootstrapServers("localhost:9092")
                .securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .saslOAuthBearer(() -> CompletableFuture.completedFuture(token)).build();
        SaslExchange exchange = SecurityConfigMapping.from(oauth.config(), time).sasl().newExchange().get();
        assertThat(new String(exchange.initialResponse(), StandardCharsets.UTF_8)).contains("header.payload.sig");
    }

    @Test
    void rejectsMismatchesWithoutShowingSecrets() {
        String scramJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" "
                + "password=\"" + SECRET + "\";";
        assertRejected(Map.of("security.protocol", "SASL_SSL"), "sasl.jaas.config", "needs SASL credentials");
        assertRejected(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.jaas.config", scramJaas),
                "sasl.mechanism", "ScramLoginModule");
        assertRejected(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", scramJaas, "brook.sasl.username", "a", "brook.sasl.password", SECRET),
                "sasl.jaas.config", "one way");
        assertRejected(Map.of("security.protocol", "SASL_PLAINTEXT", "brook.sasl.username", "a"),
                "brook.sasl.password", "go together");
        assertRejected(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.jaas.config",
                "com.sun.security.auth.module.Krb5LoginModule required keyTab=\"" + SECRET + "\";"),
                "sasl.jaas.config", "not supported");
        assertRejected(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "OAUTHBEARER", "sasl.jaas.config",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\"x\" "
                        + "clientSecret=\"" + SECRET + "\";"), "sasl.jaas.config", "token supplier");
        assertRejected(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/no/such/truststore.jks",
                "ssl.truststore.password", SECRET), "ssl.truststore.location", "No such file");
        assertRejected(Map.of("security.protocol", "SSL", "ssl.keystore.key", SECRET), "ssl.keystore.type",
                "PEM");
        assertRejected(Map.of("security.protocol", "SSL", "ssl.protocol", "TLSv1.1"), "ssl.protocol",
                "ssl.enabled.protocols");
    }

    @Test
    void secretsStayHiddenInBadValueMessages() {
        assertThatThrownBy(() -> config(Map.of("ssl.truststore.password", 12345)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[hidden]").hasMessageNotContaining("12345");
    }

    private static void assertRejected(Map<String, Object> values, String key, String phrase) {
        assertThatThrownBy(() -> map(values)).as(values.keySet().toString())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(phrase)
                .hasMessageNotContaining(SECRET);
    }
}
