package io.brook.common.config;

/**
 * The protocol used to talk to brokers ({@code security.protocol}). Only {@link #PLAINTEXT} is supported so far;
 * the others are listed so that configuring them fails with a clear message rather than as an unknown value.
 */
public enum SecurityProtocol {
    PLAINTEXT,
    SSL,
    SASL_PLAINTEXT,
    SASL_SSL
}
