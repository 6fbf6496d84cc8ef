package io.brook.testkit;

import java.nio.file.Path;

/**
 * The files of a launched cluster's test certificate authority, created at start-up with the JDK's
 * {@code keytool}: the trust material clients need, in every form ({@code JKS}, {@code PKCS12}, {@code PEM}), a
 * client key and certificate for mutual TLS (PKCS12, and PKCS#8 PEM), and a second, unrelated authority for
 * "untrusted certificate" tests. Every store's password is {@link #password()}; PEM keys are not encrypted.
 *
 * <p>Immutable. The files live in the cluster's temporary directory and are deleted by {@link KafkaCluster#close()}.
 *
 * @param directory where the files are
 * @param password the password of every key store and trust store (and of the keys inside them)
 */
public record TestCertificates(Path directory, String password) {
    /** The test authority's certificate in a JKS trust store. */
    public Path truststoreJks() {
        return directory.resolve("truststore.jks");
    }

    /** The test authority's certificate in a PKCS12 trust store. */
    public Path truststorePkcs12() {
        return directory.resolve("truststore.p12");
    }

    /** The test authority's certificate, PEM. */
    public Path caCertificatePem() {
        return directory.resolve("ca.pem");
    }

    /** The client's key and certificate chain (signed by the test authority) in a PKCS12 key store. */
    public Path clientKeystorePkcs12() {
        return directory.resolve("client.p12");
    }

    /** The same client key and chain in a JKS key store. */
    public Path clientKeystoreJks() {
        return directory.resolve("client.jks");
    }

    /** The client's private key, unencrypted PKCS#8 PEM. */
    public Path clientKeyPem() {
        return directory.resolve("client-key.pem");
    }

    /** The client's certificate chain (its certificate, then the authority's), PEM. */
    public Path clientCertificateChainPem() {
        return directory.resolve("client-chain.pem");
    }

    /** The client's key followed by its chain in one PEM file, as {@code ssl.keystore.type=PEM} reads it. */
    public Path clientKeystorePem() {
        return directory.resolve("client-keystore.pem");
    }

    /** A PKCS12 trust store holding only an unrelated authority: brokers' certificates are untrusted with it. */
    public Path otherAuthorityTruststorePkcs12() {
        return directory.resolve("other-truststore.p12");
    }
}
