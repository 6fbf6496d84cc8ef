package io.brook.testkit.internal;

import io.brook.testkit.KafkaClusterException;
import io.brook.testkit.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Creates a cluster's test certificate authority and certificates at run time with nothing but the JDK: its
 * {@code keytool}, run as a process, makes the keys (EC P-256, quick to generate), signs them and writes the stores;
 * Java writes the PEM private key. The four leaf certificates are made in parallel. Produces the client files of
 * {@link TestCertificates} and the broker key stores below. Stateless.
 */
final class TestAuthority {
    /** The broker's certificate: localhost and 127.0.0.1, valid for a year. */
    static final String SERVER = "server";
    /** The broker's certificate that expired. */
    static final String EXPIRED = "expired";
    /** The broker's certificate for another host. */
    static final String WRONG_HOST = "wronghost";
    static final String CLIENT = "client";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

    private TestAuthority() {}

    /** The PKCS12 key store of a broker certificate made by {@link #create}. */
    static Path brokerKeystore(TestCertificates certificates, String name) {
        return certificates.directory().resolve(name + ".p12");
    }

    /** Creates every file in {@code directory} (which must exist) with {@code password} for every store. */
    static TestCertificates create(Path directory, String password) {
        TestCertificates certificates = new TestCertificates(directory, password);
        Keytool keytool = new Keytool(directory, password);
        keytool.run("-genkeypair", "-alias", "ca", "-dname", "CN=Brook Test CA", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "3650", "-ext", "bc:c", "-keystore", "ca.p12", "-storetype", "PKCS12",
                "-keypass", password);
        keytool.run("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "brook-testkit-keytool");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> steps = new ArrayList<>();
            steps.add(pool.submit(() -> {
                keytool.run("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore",
                        "truststore.p12", "-storetype", "PKCS12");
                keytool.run("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore",
                        "truststore.jks", "-storetype", "JKS");
            }));
            steps.add(pool.submit(() -> leaf(keytool, SERVER, "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1",
                    "365", null)));
            steps.add(pool.submit(() -> leaf(keytool, EXPIRED, "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1",
                    "1", "-30d")));
            steps.add(pool.submit(() -> leaf(keytool, WRONG_HOST, "CN=wrong.example.com",
                    "SAN=dns:wrong.example.com", "365", null)));
            steps.add(pool.submit(() -> {
                leaf(keytool, CLIENT, "CN=brook-client", null, "365", null);
                keytool.run("-importkeystore", "-noprompt", "-srckeystore", "client.p12", "-srcstoretype", "PKCS12",
                        "-srcstorepass", password, "-destkeystore", "client.jks", "-deststoretype", "JKS",
                        "-deststorepass", password, "-destkeypass", password, "-srcalias", CLIENT);
                writeClientPem(certificates);
            }));
            steps.add(pool.submit(() -> {
                keytool.run("-genkeypair", "-alias", "other-ca", "-dname", "CN=Unrelated Test CA", "-keyalg", "EC",
                        "-groupname", "secp256r1", "-validity", "3650", "-ext", "bc:c", "-keystore", "other-ca.p12",
                        "-storetype", "PKCS12", "-keypass", password);
                keytool.run("-exportcert", "-rfc", "-alias", "other-ca", "-keystore", "other-ca.p12", "-file",
                        "other-ca.pem");
                keytool.run("-importcert", "-noprompt", "-alias", "other-ca", "-file", "other-ca.pem", "-keystore",
                        "other-truststore.p12", "-storetype", "PKCS12");
            }));
            for (Future<?> step : steps) {
                step.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new KafkaClusterException("creating the test certificates failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while creating the test certificates", e);
        } finally {
            pool.shutdownNow();
        }
        return certificates;
    }

    /** A key pair in {@code <name>.p12} whose certificate the test authority signed, with the chain to it. */
    private static void leaf(Keytool keytool, String name, String dname, String san, String validityDays,
            String startDate) {
        String store = name + ".p12";
        keytool.run("-genkeypair", "-alias", name, "-dname", dname, "-keyalg", "EC", "-groupname", "secp256r1",
                "-keystore", store, "-storetype", "PKCS12", "-keypass", keytool.password);
        keytool.run("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
                "-infile", name + ".csr", "-outfile", name + ".crt", "-validity", validityDays));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        if (startDate != null) {
            sign.addAll(List.of("-startdate", startDate));
        }
        keytool.run(sign.toArray(String[]::new));
        keytool.run("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", store);
        keytool.run("-importcert", "-noprompt", "-alias", name, "-file", name + ".crt", "-keystore", store);
    }

    /** The client's key as unencrypted PKCS#8 PEM and its chain as PEM, separately and in one file. */
    private static void writeClientPem(TestCertificates certificates) {
        try (InputStream in = Files.newInputStream(certificates.clientKeystorePkcs12())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = certificates.password().toCharArray();
            store.load(in, password);
            Key key = store.getKey(CLIENT, password);
            StringBuilder chain = new StringBuilder();
            for (Certificate certificate : store.getCertificateChain(CLIENT)) {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            String keyPem = pem("PRIVATE KEY", key.getEncoded());
            Files.writeString(certificates.clientKeyPem(), keyPem, StandardCharsets.US_ASCII);
            Files.writeString(certificates.clientCertificateChainPem(), chain, StandardCharsets.US_ASCII);
            Files.writeString(certificates.clientKeystorePem(), keyPem + chain, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client's PEM files", e);
        } catch (GeneralSecurityException e) {
            throw new KafkaClusterException("cannot read the client key store keytool wrote", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Runs the JDK's keytool in a directory with one store password. */
    private record Keytool(Path directory, String password) {
        void run(String... args) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            if (!command.contains("-storepass") && !command.contains("-srcstorepass")) {
                command.add("-storepass");
                command.add(password);
            }
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .start();
                process.getOutputStream().close();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new KafkaClusterException("keytool " + args[0] + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new KafkaClusterException("keytool " + String.join(" ", args).replace(password, "***")
                            + " failed with status " + process.exitValue() + ": "
                            + new String(output, StandardCharsets.UTF_8).replace(password, "***"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run keytool", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaClusterException("interrupted while running keytool", e);
            }
        }
    }
}
