package io.brook.common.config;

/**
 * A client configuration was rejected: an unknown key, a value of the wrong type or out of range, or a missing
 * required key. The message names the key, the value given and what was expected.
 *
 * <p>Extends {@link IllegalArgumentException} because a bad configuration is a caller error detected before any
 * network activity.
 */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
