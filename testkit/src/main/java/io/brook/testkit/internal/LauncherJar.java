package io.brook.testkit.internal;

import io.brook.testkit.KafkaClusterException;
import io.brook.testkit.internal.launcher.BrokerMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Packs {@link BrokerMain} into a small jar in the cache directory, named by a hash of its bytes. Brokers put that
 * jar, not the testkit's own location, on their class path: it is the same file for every module and build (the
 * testkit may be a {@code target/classes} directory or a jar in the local repository), which lets
 * {@link ClassDataSharing}'s archive match, and it keeps the broker's class path free of everything else the
 * testkit holds. Thread-safe: the file is written under a temporary name and moved into place.
 */
final class LauncherJar {

    private static final String CLASS_ENTRY = BrokerMain.class.getName().replace('.', '/') + ".class";

    private LauncherJar() {
    }

    /** The launcher jar, written on first use. */
    static Path ensure(Path cacheDirectory) {
        try (InputStream in = BrokerMain.class.getResourceAsStream("BrokerMain.class")) {
            if (in == null) {
                throw new KafkaClusterException("cannot read " + CLASS_ENTRY + " from the testkit");
            }
            byte[] classBytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(classBytes), 0, 6);
            Path jar = cacheDirectory.resolve("brook-broker-launcher-" + hash + ".jar");
            if (!Files.isRegularFile(jar)) {
                Files.createDirectories(cacheDirectory);
                Path temporary = Files.createTempFile(cacheDirectory, "brook-broker-launcher-", ".tmp");
                Files.write(temporary, jarOf(classBytes));
                Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return jar;
        } catch (IOException e) {
            throw new KafkaClusterException("cannot write the broker launcher jar into " + cacheDirectory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] jarOf(byte[] classBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new JarOutputStream(bytes)) {
            JarOutputStream jar = (JarOutputStream) out;
            JarEntry entry = new JarEntry(CLASS_ENTRY);
            // A fixed time keeps the jar identical whenever it is rewritten.
            entry.setTime(0L);
            jar.putNextEntry(entry);
            jar.write(classBytes);
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
