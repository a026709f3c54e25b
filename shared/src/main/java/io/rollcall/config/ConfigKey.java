package io.rollcall.config;

import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * One typed configuration key: where it lives, its JSON type, its default, the check a new value must pass,
 * and how a stored value is read as {@code T}. {@code check} answers the problem with a value, or null when it
 * is fine; {@code reader} is only ever given values that passed it.
 */
public record ConfigKey<T>(String name, Scope scope, String type, T defaultValue, String description,
                           Function<JsonNode, String> check, Function<JsonNode, T> reader) {

    /** system_configs (per organization, ADMIN) or application_settings (global, platform operators). */
    public enum Scope { ORGANIZATION, APPLICATION }

    /** The problem with {@code value}, or null when it is acceptable. */
    public String problem(JsonNode value) {
        if (value == null || value.isNull()) {
            return null; // null resets the key to its default
        }
        return check.apply(value);
    }

    /** The stored value as {@code T}, or the default when nothing is stored. */
    public T read(JsonNode stored) {
        return stored == null || stored.isNull() ? defaultValue : reader.apply(stored);
    }
}
