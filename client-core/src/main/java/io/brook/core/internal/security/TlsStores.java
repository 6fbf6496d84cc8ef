package io.brook.core.internal.security;

import io.brook.common.config.ClientConfig;
import io.brook.common.config.ConfigException;
import io.brook.common.config.ConfigKey;
import io.brook.common.config.Password;
import io.brook.common.config.SecurityConfigs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Loads the trust and key material of the {@code ssl.truststore.*} and {@code ssl.keystore.*} keys: JKS and PKCS12
 * files, PEM files and inline PEM. Every failure is a {@link ConfigException} naming the key and file and never a
 * secret. Stateless.
 */
final class TlsStores {
    private TlsStores() {}

    /** The JDK trust manager for the configured trust store, or for the JDK's default one if none is set. */
    static X509ExtendedTrustManager trustManager(ClientConfig config) {
        KeyStore trusted = trustStore(config);
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK's trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new ConfigException(SecurityConfigs.SSL_TRUSTSTORE_LOCATION.name(), "Could not use the trust "
                    + "store: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The trust store as a key store; null for the JDK's default. */
    private static KeyStore trustStore(ClientConfig config) {
        String type = type(config, SecurityConfigs.SSL_TRUSTSTORE_TYPE);
        String location = config.get(SecurityConfigs.SSL_TRUSTSTORE_LOCATION);
        Password inline = config.get(SecurityConfigs.SSL_TRUSTSTORE_CERTIFICATES);
        Password password = config.get(SecurityConfigs.SSL_TRUSTSTORE_PASSWORD);
        if (inline != null) {
            requirePem(type, SecurityConfigs.SSL_TRUSTSTORE_CERTIFICATES, SecurityConfigs.SSL_TRUSTSTORE_TYPE);
            reject(location, SecurityConfigs.SSL_TRUSTSTORE_LOCATION, SecurityConfigs.SSL_TRUSTSTORE_CERTIFICATES);
            return certificateStore(inline.value().getBytes(StandardCharsets.UTF_8),
                    SecurityConfigs.SSL_TRUSTSTORE_CERTIFICATES, "the inline certificates");
        }
        if (location == null) {
            return null;
        }
        if (type.equals("PEM")) {
            reject(password, SecurityConfigs.SSL_TRUSTSTORE_PASSWORD, SecurityConfigs.SSL_TRUSTSTORE_TYPE);
            return certificateStore(read(location, SecurityConfigs.SSL_TRUSTSTORE_LOCATION),
                    SecurityConfigs.SSL_TRUSTSTORE_LOCATION, location);
        }
        return load(type, location, password, SecurityConfigs.SSL_TRUSTSTORE_LOCATION);
    }

    /** A key store holding every certificate of a PEM text. */
    private static KeyStore certificateStore(byte[] pem, ConfigKey<?> key, String what) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw new ConfigException(key.name(), "No certificate in " + what + " (" + key.name() + ")");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(key.name(), "Could not read the PEM certificates of " + what + " ("
                    + key.name() + "): " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The key manager factory of a JKS or PKCS12 key store, or null when the key store is PEM or not configured (the
     * TLS context builder then takes the PEM texts itself: see {@link #pemKey}).
     */
    static KeyManagerFactory keyManagers(ClientConfig config) {
        String type = type(config, SecurityConfigs.SSL_KEYSTORE_TYPE);
        String location = config.get(SecurityConfigs.SSL_KEYSTORE_LOCATION);
        if (location == null || type.equals("PEM")) {
            return null;
        }
        Password password = config.get(SecurityConfigs.SSL_KEYSTORE_PASSWORD);
        Password keyPassword = config.get(SecurityConfigs.SSL_KEY_PASSWORD);
        KeyStore store = load(type, location, password, SecurityConfigs.SSL_KEYSTORE_LOCATION);
        Password effective = keyPassword != null ? keyPassword : password;
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, effective == null ? new char[0] : effective.value().toCharArray());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new ConfigException(SecurityConfigs.SSL_KEY_PASSWORD.name(), "Could not read the private key in "
                    + location + " (" + SecurityConfigs.SSL_KEYSTORE_LOCATION.name() + "): "
                    + e.getClass().getSimpleName() + "; is " + SecurityConfigs.SSL_KEY_PASSWORD.name() + " right?");
        }
    }

    /** PEM key material: the private key and the certificate chain, as text; null if the key store is not PEM. */
    record PemKey(byte[] key, byte[] certificateChain, Password keyPassword) {}

    static PemKey pemKey(ClientConfig config) {
        String type = type(config, SecurityConfigs.SSL_KEYSTORE_TYPE);
        Password key = config.get(SecurityConfigs.SSL_KEYSTORE_KEY);
        Password chain = config.get(SecurityConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN);
        String location = config.get(SecurityConfigs.SSL_KEYSTORE_LOCATION);
        Password keyPassword = config.get(SecurityConfigs.SSL_KEY_PASSWORD);
        if (key != null || chain != null) {
            requirePem(type, key != null ? SecurityConfigs.SSL_KEYSTORE_KEY : SecurityConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN,
                    SecurityConfigs.SSL_KEYSTORE_TYPE);
            reject(location, SecurityConfigs.SSL_KEYSTORE_LOCATION, SecurityConfigs.SSL_KEYSTORE_KEY);
            if (key == null || chain == null) {
                ConfigKey<?> missing = key == null ? SecurityConfigs.SSL_KEYSTORE_KEY
                        : SecurityConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN;
                throw new ConfigException(missing.name(), SecurityConfigs.SSL_KEYSTORE_KEY.name() + " and "
                        + SecurityConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN.name() + " go together; " + missing.name()
                        + " is missing");
            }
            return new PemKey(key.value().getBytes(StandardCharsets.UTF_8),
                    chain.value().getBytes(StandardCharsets.UTF_8), keyPassword);
        }
        if (location == null || !type.equals("PEM")) {
            return null;
        }
        reject(config.get(SecurityConfigs.SSL_KEYSTORE_PASSWORD), SecurityConfigs.SSL_KEYSTORE_PASSWORD,
                SecurityConfigs.SSL_KEYSTORE_TYPE);
        // One file with the private key and the certificates; each reader picks out its own blocks.
        byte[] file = read(location, SecurityConfigs.SSL_KEYSTORE_LOCATION);
        return new PemKey(file, file, keyPassword);
    }

    private static KeyStore load(String type, String location, Password password, ConfigKey<?> key) {
        byte[] bytes = read(location, key);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.value().toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // The JDK says "keystore password was incorrect" or what is corrupt; it never echoes the password.
            throw new ConfigException(key.name(), "Could not load the " + type + " store " + location + " ("
                    + key.name() + "): " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static byte[] read(String location, ConfigKey<?> key) {
        try {
            return Files.readAllBytes(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new ConfigException(key.name(), "No such file: " + location + " (" + key.name() + ")");
        } catch (IOException e) {
            throw new ConfigException(key.name(), "Could not read " + location + " (" + key.name() + "): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String type(ClientConfig config, ConfigKey<String> key) {
        return config.get(key).toUpperCase(Locale.ROOT);
    }

    private static void requirePem(String type, ConfigKey<?> given, ConfigKey<String> typeKey) {
        if (!type.equals("PEM")) {
            throw new ConfigException(typeKey.name(), given.name() + " holds PEM text and needs " + typeKey.name()
                    + "=PEM, not " + type);
        }
    }

    private static void reject(Object value, ConfigKey<?> key, ConfigKey<?> because) {
        if (value != null) {
            throw new ConfigException(key.name(), key.name() + " cannot be combined with " + because.name()
                    + " as configured");
        }
    }
}
