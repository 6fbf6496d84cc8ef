package io.brook.admin;

import java.util.Objects;

/**
 * One change to one configuration key, for {@link Admin#incrementalAlterConfigs}.
 *
 * @param opType what to do
 * @param name the key
 * @param value the value to set, or the list elements (comma-separated) to append or subtract; {@code null} for
 *     {@link OpType#DELETE} (which reverts the key to its default)
 */
public record AlterConfigOp(OpType opType, String name, String value) {
    /** The operations, with their wire ids. */
    public enum OpType {
        /** Sets the value. */
        SET((byte) 0),
        /** Removes the override, so the key falls back to its default. */
        DELETE((byte) 1),
        /** Adds elements to a list-valued key. */
        APPEND((byte) 2),
        /** Removes elements from a list-valued key. */
        SUBTRACT((byte) 3);

        private final byte id;

        OpType(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }
    }

    public AlterConfigOp {
        Objects.requireNonNull(opType, "opType");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("config key must not be blank");
        }
        if (opType == OpType.DELETE) {
            if (value != null) {
                throw new IllegalArgumentException("DELETE of '" + name + "' takes no value");
            }
        } else {
            Objects.requireNonNull(value, () -> opType + " of '" + name + "' needs a value");
        }
    }

    public static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(OpType.SET, name, value);
    }

    public static AlterConfigOp delete(String name) {
        return new AlterConfigOp(OpType.DELETE, name, null);
    }

    public static AlterConfigOp append(String name, String value) {
        return new AlterConfigOp(OpType.APPEND, name, value);
    }

    public static AlterConfigOp subtract(String name, String value) {
        return new AlterConfigOp(OpType.SUBTRACT, name, value);
    }
}
