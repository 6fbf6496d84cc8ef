package io.brook.protocol.generator;

/**
 * One Kafka error code from errors.schema. Immutable.
 *
 * @param code the wire error code
 * @param name UPPER_SNAKE constant name
 * @param retriable whether Kafka treats it as retriable
 * @param exceptionClass simple name of the exception class in io.brook.common.errors, or null for NONE
 * @param message the default message
 * @param line the schema line
 */
public record ErrorSpec(short code, String name, boolean retriable, String exceptionClass, String message, int line) {}
