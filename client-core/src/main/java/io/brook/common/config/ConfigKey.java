package io.brook.common.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The definition of one configuration key: name, type, default, unit, validator, importance and documentation.
 * A client's key set is a {@link ConfigDefinition}; the shared keys are in {@link CommonConfigs}.
 *
 * <p>A key is either <em>required</em> (no default: parsing fails when it is missing), has a default value, or
 * is <em>optional without a value</em> (default {@code null}: {@link ClientConfig#get} returns null when unset).
 *
 * <p>Immutable and thread-safe. Keys compare by identity; a configuration looks keys up by name.
 *
 * @param <T> the Java type of the parsed value
 */
public final class ConfigKey<T> {
    private final String name;
    private final ConfigType<T> type;
    private final T defaultValue;
    private final boolean required;
    private final ConfigUnit unit;
    private final Validator<? super T> validator;
    private final Importance importance;
    private final String documentation;

    private ConfigKey(Builder<T> b) {
        this.name = b.name;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.required = b.required;
        this.unit = b.unit;
        this.validator = b.validator;
        this.importance = b.importance;
        this.documentation = b.documentation;
        if (defaultValue != null) {
            String problem = validator.check(defaultValue);
            if (problem != null) {
                throw new IllegalArgumentException("default " + type.format(defaultValue) + " of key '" + name
                        + "' fails its own validator: expected " + problem);
            }
        }
    }

    /** Starts the definition of a key named {@code name} of type {@code type}. */
    public static <T> Builder<T> builder(String name, ConfigType<T> type) {
        return new Builder<>(name, type);
    }

    public String name() {
        return name;
    }

    public ConfigType<T> type() {
        return type;
    }

    /** The default value; null for a required key or an optional key without a value. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Whether parsing fails when the key is missing. */
    public boolean required() {
        return required;
    }

    public ConfigUnit unit() {
        return unit;
    }

    public Validator<? super T> validator() {
        return validator;
    }

    public Importance importance() {
        return importance;
    }

    public String documentation() {
        return documentation;
    }

    /** The same key with another default: for a client whose default differs from the common one. */
    public ConfigKey<T> withDefault(T newDefault) {
        return toBuilder().defaultValue(newDefault).build();
    }

    /** A builder holding this key's attributes. */
    public Builder<T> toBuilder() {
        Builder<T> b = new Builder<>(name, type);
        b.defaultValue = defaultValue;
        b.required = required;
        b.unit = unit;
        b.validator = validator;
        b.importance = importance;
        b.documentation = documentation;
        return b;
    }

    /** The default as documentation shows it: the value's text form, {@code ""} for empty text, or a marker. */
    public String defaultDisplay() {
        if (required) {
            return "(required)";
        }
        if (defaultValue == null) {
            return "null";
        }
        String text = type.format(defaultValue);
        return text.isEmpty() ? "\"\"" : text;
    }

    /**
     * Parses and validates a user-supplied value for this key.
     *
     * @param raw the value as given: its text form or its natural Java type (or a {@link Duration} for keys in
     *     milliseconds); never null
     * @throws ConfigException naming the key, the value and what was expected
     */
    public T parse(Object raw) {
        Objects.requireNonNull(raw, "raw");
        Object input = raw;
        if (raw instanceof Duration d && unit == ConfigUnit.MILLISECONDS) {
            input = durationToMillis(d);
        }
        T value;
        try {
            value = type.parse(input);
        } catch (IllegalArgumentException e) {
            throw invalid(raw, e.getMessage());
        }
        String problem = validator.check(value);
        if (problem != null) {
            throw invalid(raw, problem);
        }
        return value;
    }

    private Object durationToMillis(Duration d) {
        if (d.getNano() % 1_000_000 != 0) {
            throw invalid(d, "a whole number of milliseconds");
        }
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            throw invalid(d, "a duration that fits in a long of milliseconds");
        }
    }

    private ConfigException invalid(Object raw, String expectation) {
        // A secret's value never goes into a message, even a wrong one: it may be a real password mistyped.
        String shown = type.isSecret() ? Password.HIDDEN : ConfigType.describeRaw(raw);
        return new ConfigException(name, "Invalid value " + shown + " for configuration key '" + name
                + "': expected " + expectation);
    }

    @Override
    public String toString() {
        return name + " (" + type + ", default " + defaultDisplay() + (unit == ConfigUnit.NONE ? "" : " " + unit.symbol())
                + ")";
    }

    /** Builds a {@link ConfigKey}. Not thread-safe. */
    public static final class Builder<T> {
        private final String name;
        private final ConfigType<T> type;
        private T defaultValue;
        private boolean required;
        private ConfigUnit unit = ConfigUnit.NONE;
        private Validator<? super T> validator = Validators.any();
        private Importance importance = Importance.MEDIUM;
        private String documentation;

        private Builder(String name, ConfigType<T> type) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("key name must not be blank");
            }
            this.name = name;
            this.type = Objects.requireNonNull(type, "type");
        }

        /** The value used when the key is not given; null makes the key optional without a value. */
        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            this.required = false;
            return this;
        }

        /** Makes the key required: parsing fails when it is missing. */
        public Builder<T> required() {
            this.defaultValue = null;
            this.required = true;
            return this;
        }

        public Builder<T> unit(ConfigUnit unit) {
            this.unit = Objects.requireNonNull(unit, "unit");
            return this;
        }

        public Builder<T> validator(Validator<? super T> validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        public Builder<T> importance(Importance importance) {
            this.importance = Objects.requireNonNull(importance, "importance");
            return this;
        }

        /** What the key does, in one or two sentences of plain text (shown in docs/CONFIGURATION.md). */
        public Builder<T> documentation(String documentation) {
            this.documentation = documentation;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the documentation is missing or the default fails the validator
         */
        public ConfigKey<T> build() {
            if (documentation == null || documentation.isBlank()) {
                throw new IllegalArgumentException("key '" + name + "' needs documentation");
            }
            return new ConfigKey<>(this);
        }
    }
}
