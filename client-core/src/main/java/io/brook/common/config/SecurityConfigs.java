package io.brook.common.config;

import static io.brook.common.config.Importance.HIGH;
import static io.brook.common.config.Importance.LOW;
import static io.brook.common.config.Importance.MEDIUM;

import java.util.List;

/**
 * The TLS and SASL keys every Brook client accepts, with Kafka's names and defaults, plus Brook's own typed
 * credentials ({@code brook.sasl.*}) and engine choice ({@code brook.ssl.provider}). Included in
 * {@link CommonConfigs#DEFINITION}. Which keys apply depends on {@code security.protocol}: {@code ssl.*} for SSL
 * and SASL_SSL, {@code sasl.*} for SASL_PLAINTEXT and SASL_SSL. Every secret is of type
 * {@link ConfigType#PASSWORD}: shown as {@value Password#HIDDEN} everywhere.
 */
public final class SecurityConfigs {
    public static final ConfigKey<String> SSL_PROTOCOL = ConfigKey.builder("ssl.protocol", ConfigType.STRING)
            .defaultValue("TLSv1.3").validator(Validators.nonBlank()).importance(MEDIUM)
            .documentation("The TLS protocol the SSL context is created for. The versions actually offered are "
                    + "ssl.enabled.protocols.")
            .build();

    public static final ConfigKey<List<String>> SSL_ENABLED_PROTOCOLS = ConfigKey.builder("ssl.enabled.protocols",
                    ConfigType.LIST)
            .defaultValue(List.of("TLSv1.2", "TLSv1.3")).importance(MEDIUM)
            .documentation("The TLS versions offered to brokers, e.g. TLSv1.3 alone to refuse TLS 1.2.")
            .build();

    public static final ConfigKey<List<String>> SSL_CIPHER_SUITES = ConfigKey.builder("ssl.cipher.suites",
                    ConfigType.LIST)
            .defaultValue(List.of()).importance(LOW)
            .documentation("The cipher suites offered, by their standard names; empty offers the TLS engine's "
                    + "defaults.")
            .build();

    public static final ConfigKey<String> SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = ConfigKey.builder(
                    "ssl.endpoint.identification.algorithm", ConfigType.STRING)
            .defaultValue("https").validator(oneOfText("https", "")).importance(LOW)
            .documentation("https: the broker's certificate must name the host the client connects to (in its "
                    + "subject alternative names). Empty turns host name verification off.")
            .build();

    public static final ConfigKey<String> SSL_TRUSTSTORE_TYPE = ConfigKey.builder("ssl.truststore.type",
                    ConfigType.STRING)
            .defaultValue("JKS").validator(storeType()).importance(MEDIUM)
            .documentation("The format of the trust store file: JKS, PKCS12 or PEM (X.509 certificates).")
            .build();

    public static final ConfigKey<String> SSL_TRUSTSTORE_LOCATION = ConfigKey.builder("ssl.truststore.location",
                    ConfigType.STRING)
            .defaultValue(null).importance(HIGH)
            .documentation("The trust store file holding the certificate authorities that sign broker "
                    + "certificates. Without it (and without ssl.truststore.certificates) the JDK's default trust "
                    + "store is used.")
            .build();

    public static final ConfigKey<Password> SSL_TRUSTSTORE_PASSWORD = ConfigKey.builder("ssl.truststore.password",
                    ConfigType.PASSWORD)
            .defaultValue(null).importance(HIGH)
            .documentation("The trust store file's password; optional for JKS and PKCS12 (the integrity check is "
                    + "then skipped), not allowed for PEM.")
            .build();

    public static final ConfigKey<Password> SSL_TRUSTSTORE_CERTIFICATES = ConfigKey.builder(
                    "ssl.truststore.certificates", ConfigType.PASSWORD)
            .defaultValue(null).importance(HIGH)
            .documentation("Trusted certificates in PEM form, given inline instead of ssl.truststore.location; "
                    + "needs ssl.truststore.type=PEM.")
            .build();

    public static final ConfigKey<String> SSL_KEYSTORE_TYPE = ConfigKey.builder("ssl.keystore.type",
                    ConfigType.STRING)
            .defaultValue("JKS").validator(storeType()).importance(MEDIUM)
            .documentation("The format of the key store file: JKS, PKCS12 or PEM (a PKCS#8 private key followed "
                    + "by its certificate chain).")
            .build();

    public static final ConfigKey<String> SSL_KEYSTORE_LOCATION = ConfigKey.builder("ssl.keystore.location",
                    ConfigType.STRING)
            .defaultValue(null).importance(HIGH)
            .documentation("The key store file holding the client's private key and certificate, for mutual TLS "
                    + "(brokers with ssl.client.auth=required).")
            .build();

    public static final ConfigKey<Password> SSL_KEYSTORE_PASSWORD = ConfigKey.builder("ssl.keystore.password",
                    ConfigType.PASSWORD)
            .defaultValue(null).importance(HIGH)
            .documentation("The key store file's password (JKS, PKCS12); not allowed for PEM.")
            .build();

    public static final ConfigKey<Password> SSL_KEYSTORE_KEY = ConfigKey.builder("ssl.keystore.key",
                    ConfigType.PASSWORD)
            .defaultValue(null).importance(HIGH)
            .documentation("The client's private key in PKCS#8 PEM form (encrypted with ssl.key.password, or "
                    + "not), given inline instead of ssl.keystore.location; needs ssl.keystore.type=PEM and "
                    + "ssl.keystore.certificate.chain.")
            .build();

    public static final ConfigKey<Password> SSL_KEYSTORE_CERTIFICATE_CHAIN = ConfigKey.builder(
                    "ssl.keystore.certificate.chain", ConfigType.PASSWORD)
            .defaultValue(null).importance(HIGH)
            .documentation("The client's certificate chain in PEM form, with ssl.keystore.key.")
            .build();

    public static final ConfigKey<Password> SSL_KEY_PASSWORD = ConfigKey.builder("ssl.key.password",
                    ConfigType.PASSWORD)
            .defaultValue(null).importance(HIGH)
            .documentation("The password of the private key: in a JKS or PKCS12 key store (default: the store's "
                    + "password), or of an encrypted PEM key.")
            .build();

    public static final ConfigKey<TlsProvider> SSL_PROVIDER = ConfigKey.builder("brook.ssl.provider",
                    ConfigType.enumOf(TlsProvider.class))
            .defaultValue(TlsProvider.AUTO).importance(LOW)
            .documentation("Brook only. The TLS engine: auto uses OpenSSL (netty-tcnative-boringssl-static on the "
                    + "class path) where it loads and the JDK's engine otherwise; jdk or openssl force one.")
            .build();

    public static final ConfigKey<SaslMechanism> SASL_MECHANISM = ConfigKey.builder("sasl.mechanism",
                    ConfigType.enumOf(SaslMechanism.class))
            .defaultValue(SaslMechanism.PLAIN).importance(MEDIUM)
            .documentation("The SASL mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER. (Kafka's "
                    + "default, GSSAPI, is not supported.)")
            .build();

    public static final ConfigKey<Password> SASL_JAAS_CONFIG = ConfigKey.builder("sasl.jaas.config",
                    ConfigType.PASSWORD)
            .defaultValue(null).importance(MEDIUM)
            .documentation("The credentials in Kafka's JAAS form, as pasted from an existing client: "
                    + "<login module class> required key=\"value\" ...; PlainLoginModule and ScramLoginModule take "
                    + "username and password, OAuthBearerLoginModule the unsecuredLogin* options. Nothing is "
                    + "loaded: the module name only says which credentials follow.")
            .build();

    public static final ConfigKey<String> SASL_USERNAME = ConfigKey.builder("brook.sasl.username",
                    ConfigType.STRING)
            .defaultValue(null).importance(MEDIUM)
            .documentation("Brook only. The user name for PLAIN and SCRAM, instead of sasl.jaas.config.")
            .build();

    public static final ConfigKey<Password> SASL_PASSWORD = ConfigKey.builder("brook.sasl.password",
                    ConfigType.PASSWORD)
            .defaultValue(null).importance(MEDIUM)
            .documentation("Brook only. The password for PLAIN and SCRAM, with brook.sasl.username.")
            .build();

    public static final ConfigKey<OAuthBearerTokenSupplier> SASL_OAUTHBEARER_TOKEN_SUPPLIER = ConfigKey.builder(
                    "brook.sasl.oauthbearer.token.supplier", ConfigType.instanceOf(OAuthBearerTokenSupplier.class))
            .defaultValue(null).importance(MEDIUM)
            .documentation("Brook only. An OAuthBearerTokenSupplier object that hands out OAUTHBEARER tokens; "
                    + "each is refreshed once 80% of its lifetime has passed.")
            .build();

    /** Every TLS and SASL key, in documentation order. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder("security")
            .add(SSL_PROTOCOL)
            .add(SSL_ENABLED_PROTOCOLS)
            .add(SSL_CIPHER_SUITES)
            .add(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM)
            .add(SSL_TRUSTSTORE_TYPE)
            .add(SSL_TRUSTSTORE_LOCATION)
            .add(SSL_TRUSTSTORE_PASSWORD)
            .add(SSL_TRUSTSTORE_CERTIFICATES)
            .add(SSL_KEYSTORE_TYPE)
            .add(SSL_KEYSTORE_LOCATION)
            .add(SSL_KEYSTORE_PASSWORD)
            .add(SSL_KEYSTORE_KEY)
            .add(SSL_KEYSTORE_CERTIFICATE_CHAIN)
            .add(SSL_KEY_PASSWORD)
            .add(SSL_PROVIDER)
            .add(SASL_MECHANISM)
            .add(SASL_JAAS_CONFIG)
            .add(SASL_USERNAME)
            .add(SASL_PASSWORD)
            .add(SASL_OAUTHBEARER_TOKEN_SUPPLIER)
            .build();

    private SecurityConfigs() {}

    private static Validator<String> storeType() {
        return oneOfText("JKS", "PKCS12", "PEM");
    }

    /** One of {@code allowed}, ignoring case. */
    private static Validator<String> oneOfText(String... allowed) {
        List<String> options = List.of(allowed);
        String described = String.join(", ", options.stream().map(o -> o.isEmpty() ? "\"\"" : o).toList());
        return new Validator<>() {
            @Override
            public String check(String value) {
                return value == null || options.stream().anyMatch(o -> o.equalsIgnoreCase(value)) ? null
                        : "one of " + described;
            }

            @Override
            public String describe() {
                return described;
            }
        };
    }
}
