package io.brook.common.config;

/** How likely a user needs to change a key: orders the documentation and nothing else. */
public enum Importance {
    HIGH,
    MEDIUM,
    LOW
}
