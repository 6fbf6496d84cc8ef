package io.brook.core.internal.security;

import io.brook.common.config.Password;
import io.brook.common.config.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SASL/SCRAM-SHA-256 and SCRAM-SHA-512, the full RFC 5802 exchange as Kafka runs it (no channel binding, no
 * SASLprep: Kafka does neither):
 * <ol>
 *   <li>client-first {@code n,,n=<user>,r=<client nonce>};</li>
 *   <li>server-first {@code r=<nonce>,s=<salt>,i=<iterations>}: the nonce must extend the client's, the iteration
 *       count must be at least {@value #MIN_ITERATIONS};</li>
 *   <li>client-final {@code c=biws,r=<nonce>,p=<proof>}: proves the password without sending it;</li>
 *   <li>server-final {@code v=<server signature>}: verified, so a broker that does not know the password (an
 *       impostor) is caught; {@code e=<error>} fails.</li>
 * </ol>
 *
 * <p>Confined to the connection's event loop; one instance per authentication.
 */
final class ScramExchange implements SaslExchange {
    /** Kafka's minimum; fewer iterations from a broker would weaken the stored credential. */
    static final int MIN_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Step { CLIENT_FIRST_SENT, CLIENT_FINAL_SENT, DONE }

    private final SaslMechanism mechanism;
    private final Password password;
    private final String clientFirstBare;
    private final String clientNonce;
    private Step step = Step.CLIENT_FIRST_SENT;
    private byte[] expectedServerSignature;

    ScramExchange(SaslMechanism mechanism, String username, Password password) {
        this(mechanism, username, password, newNonce());
    }

    /** @param clientNonce printable, without commas; tests fix it to replay RFC vectors */
    ScramExchange(SaslMechanism mechanism, String username, Password password, String clientNonce) {
        if (!mechanism.isScram()) {
            throw new IllegalArgumentException(mechanism + " is not a SCRAM mechanism");
        }
        this.mechanism = mechanism;
        this.password = password;
        this.clientNonce = clientNonce;
        this.clientFirstBare = "n=" + escapeName(username) + ",r=" + clientNonce;
    }

    @Override
    public String mechanismName() {
        return mechanism.mechanismName();
    }

    @Override
    public byte[] initialResponse() {
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        String message = new String(challenge, StandardCharsets.UTF_8);
        return switch (step) {
            case CLIENT_FIRST_SENT -> clientFinal(message);
            case CLIENT_FINAL_SENT -> verifyServerFinal(message);
            case DONE -> throw new SaslProtocolException("unexpected message after the SCRAM exchange completed");
        };
    }

    private byte[] clientFinal(String serverFirst) {
        Map<Character, String> attributes = attributes(serverFirst, "server-first");
        if (attributes.containsKey('m')) {
            throw new SaslProtocolException("the broker requires a SCRAM extension Brook does not know");
        }
        String nonce = required(attributes, 'r', "server-first");
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new SaslProtocolException("the broker's nonce does not extend the client's: not a valid SCRAM "
                    + "server-first message");
        }
        byte[] salt = base64(required(attributes, 's', "server-first"), "salt");
        int iterations;
        try {
            iterations = Integer.parseInt(required(attributes, 'i', "server-first"));
        } catch (NumberFormatException e) {
            throw new SaslProtocolException("the broker's SCRAM iteration count is not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new SaslProtocolException("the broker asks for " + iterations + " SCRAM iterations, fewer than "
                    + "the minimum of " + MIN_ITERATIONS);
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] saltedPassword = hi(password, salt, iterations);
        byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = hash(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.UTF_8));
        expectedServerSignature = hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
        step = Step.CLIENT_FINAL_SENT;
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] verifyServerFinal(String serverFinal) {
        Map<Character, String> attributes = attributes(serverFinal, "server-final");
        if (attributes.containsKey('e')) {
            throw new SaslProtocolException("the broker rejected the SCRAM proof: " + attributes.get('e'));
        }
        byte[] signature = base64(required(attributes, 'v', "server-final"), "server signature");
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new SaslProtocolException("the broker's SCRAM server signature is wrong: the broker does not "
                    + "know this user's credential (an impostor, or a credential changed mid-exchange)");
        }
        step = Step.DONE;
        return null;
    }

    /** {@code a=value,b=value}: attribute letters to values; values may contain '='. */
    private static Map<Character, String> attributes(String message, String what) {
        Map<Character, String> out = new HashMap<>();
        for (String part : message.split(",", -1)) {
            if (part.length() < 2 || part.charAt(1) != '=') {
                throw new SaslProtocolException("malformed SCRAM " + what + " message from the broker");
            }
            out.putIfAbsent(part.charAt(0), part.substring(2));
        }
        return out;
    }

    private static String required(Map<Character, String> attributes, char name, String what) {
        String value = attributes.get(name);
        if (value == null || value.isEmpty()) {
            throw new SaslProtocolException("the broker's SCRAM " + what + " message lacks '" + name + "='");
        }
        return value;
    }

    private static byte[] base64(String value, String what) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SaslProtocolException("the broker's SCRAM " + what + " is not valid base64");
        }
    }

    /** RFC 5802 {@code saslname}: '=' and ',' escaped. */
    static String escapeName(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    /** Hi(): PBKDF2 with the mechanism's HMAC, one block (the JDK encodes the password as UTF-8, as Kafka does). */
    private byte[] hi(Password secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.value().toCharArray(), salt, iterations, hashBits());
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmac" + hashName()).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmac" + hashName(), e);
        } finally {
            spec.clearPassword();
        }
    }

    private byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("Hmac" + hashName());
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks Hmac" + hashName(), e);
        }
    }

    private byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(mechanism == SaslMechanism.SCRAM_SHA_256 ? "SHA-256" : "SHA-512")
                    .digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + hashName(), e);
        }
    }

    private String hashName() {
        return mechanism == SaslMechanism.SCRAM_SHA_256 ? "SHA256" : "SHA512";
    }

    private int hashBits() {
        return mechanism == SaslMechanism.SCRAM_SHA_256 ? 256 : 512;
    }

    private static String newNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
