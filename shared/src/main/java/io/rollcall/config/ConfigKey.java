package io.rollcall.config;

import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * One typed configuration key: where it lives, what type it has, its default, and the check a new value must
 * pass. {@code check} answers the problem with a value, or null when it is fine.
 */
public record ConfigKey(String name, Scope scope, String type, Object defaultValue, String description,
                        Function<JsonNode, String> check) {

    /** system_configs (per organization, ADMIN) or application_settings (global, platform operators). */
    public enum Scope { ORGANIZATION, APPLICATION }

    /** The problem with {@code value}, or null when it is acceptable. */
    public String problem(JsonNode value) {
        if (value == null || value.isNull()) {
            return null; // null resets the key to its default
        }
        return check.apply(value);
    }
}
