package io.rollcall.functions.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.rollcall.config.ConfigKey;
import io.rollcall.config.ConfigStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * applicationSettings: the platform operation on the global settings (application_settings). It has no HTTP
 * route: platform operators invoke it with IAM (`aws lambda invoke`, docs/operations.md). The input is the keys
 * to change ({} only reads; null resets a key); the output every global key's effective value. An unknown key
 * or a wrong value fails the invocation with a message naming the key.
 */
@Component("applicationSettings")
public class ApplicationSettingsFunction implements Function<Map<String, JsonNode>, Map<String, JsonNode>> {

    private final ConfigStore config;

    public ApplicationSettingsFunction(ConfigStore config) {
        this.config = config;
    }

    @Override
    public Map<String, JsonNode> apply(Map<String, JsonNode> changes) {
        if (changes != null && !changes.isEmpty()) {
            config.updateApplication(new LinkedHashMap<>(changes));
        }
        return config.effective(ConfigKey.Scope.APPLICATION, config.applicationValues());
    }
}
