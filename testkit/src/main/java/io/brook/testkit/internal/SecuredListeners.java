package io.brook.testkit.internal;

import io.brook.testkit.Listener;
import io.brook.testkit.TestCertificates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The broker properties of a launched node's secured listeners ({@link Listener}): their addresses and security
 * protocols, the TLS key stores of the cluster's {@link TestCertificates}, and per SASL listener the JAAS entries of
 * every mechanism: PLAIN with the cluster's users, SCRAM (credentials registered at format time, see
 * {@link #scramArguments}) and OAUTHBEARER (Kafka's default validator of unsecured JWTs). Stateless.
 */
final class SecuredListeners {
    static final List<String> SASL_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER");

    private SecuredListeners() {}

    /** {@code NAME://host:port} entries for {@code listeners} and {@code advertised.listeners}, comma-led. */
    static String listenerEntries(Map<Listener, Integer> ports) {
        StringBuilder out = new StringBuilder();
        ports.forEach((listener, port) -> out.append(',').append(listener.listenerName()).append("://")
                .append(BrokerConfigFiles.HOST).append(':').append(port));
        return out.toString();
    }

    /** {@code NAME:PROTOCOL} entries for {@code listener.security.protocol.map}, comma-led. */
    static String protocolMapEntries(Map<Listener, Integer> ports) {
        StringBuilder out = new StringBuilder();
        ports.keySet().forEach(listener -> out.append(',').append(listener.listenerName()).append(':')
                .append(listener.securityProtocol()));
        return out.toString();
    }

    /** The TLS and SASL properties of the listeners. */
    static Map<String, String> properties(Map<Listener, Integer> ports, TestCertificates certificates,
            Map<String, String> users) {
        Map<String, String> properties = new LinkedHashMap<>();
        boolean anySasl = false;
        for (Listener listener : ports.keySet()) {
            String prefix = "listener.name." + listener.listenerName().toLowerCase(java.util.Locale.ROOT) + ".";
            if (listener.usesTls()) {
                String keystore = switch (listener) {
                    case SSL_EXPIRED_CERTIFICATE -> TestAuthority.EXPIRED;
                    case SSL_WRONG_HOST -> TestAuthority.WRONG_HOST;
                    default -> TestAuthority.SERVER;
                };
                properties.put(prefix + "ssl.keystore.location",
                        TestAuthority.brokerKeystore(certificates, keystore).toAbsolutePath().toString());
                properties.put(prefix + "ssl.keystore.type", "PKCS12");
                properties.put(prefix + "ssl.keystore.password", certificates.password());
                properties.put(prefix + "ssl.key.password", certificates.password());
                properties.put(prefix + "ssl.truststore.location",
                        certificates.truststorePkcs12().toAbsolutePath().toString());
                properties.put(prefix + "ssl.truststore.type", "PKCS12");
                properties.put(prefix + "ssl.truststore.password", certificates.password());
                properties.put(prefix + "ssl.client.auth", listener == Listener.MTLS ? "required" : "none");
            }
            if (listener.usesSasl()) {
                anySasl = true;
                properties.put(prefix + "plain.sasl.jaas.config", plainJaas(users));
                properties.put(prefix + "scram-sha-256.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                properties.put(prefix + "scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                properties.put(prefix + "oauthbearer.sasl.jaas.config",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                                + "unsecuredLoginStringClaim_sub=\"broker\";");
            }
        }
        if (anySasl) {
            properties.put("sasl.enabled.mechanisms", String.join(",", SASL_MECHANISMS));
        }
        return properties;
    }

    private static String plainJaas(Map<String, String> users) {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password)
                .append('"'));
        return jaas.append(';').toString();
    }

    /** The storage tool's {@code --add-scram} arguments registering every user for both SCRAM mechanisms. */
    static List<String> scramArguments(Map<String, String> users) {
        List<String> args = new java.util.ArrayList<>();
        users.forEach((user, password) -> {
            for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
                StringJoiner spec = new StringJoiner(",", mechanism + "=[", "]");
                spec.add("name=" + user).add("password=" + password);
                args.add("--add-scram");
                args.add(spec.toString());
            }
        });
        return args;
    }
}
