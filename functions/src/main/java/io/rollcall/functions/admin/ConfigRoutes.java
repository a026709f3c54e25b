package io.rollcall.functions.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.config.ConfigKey;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.UpdateOrganizationConfig;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET and PATCH /config: an ADMIN reads and changes their organization's keys. */
final class ConfigRoutes {

    private ConfigRoutes() {
    }

    static void register(HttpApi.Builder api, ConfigStore config, UpdateOrganizationConfig update, JsonMapper json) {
        api.route("GET /config", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(describe(config, caller.organizationId(), json)));

        api.route("PATCH /config", Role.ADMINS, (request, caller) -> {
            JsonNode body = request.body(JsonNode.class);
            if (!body.isObject() || body.isEmpty()) {
                throw ApiException.badRequest("the body must be a JSON object of configuration keys to set (null resets one)");
            }
            Map<String, JsonNode> changes = new LinkedHashMap<>();
            body.properties().forEach(e -> changes.put(e.getKey(), e.getValue()));
            update.apply(request.actor(caller), changes);
            return ApiResponse.ok(describe(config, caller.organizationId(), json));
        });
    }

    private static Map<String, Object> describe(ConfigStore config, UUID organizationId, JsonMapper json) {
        Map<String, JsonNode> stored = config.organizationValues(organizationId);
        Map<String, JsonNode> effective = config.effective(ConfigKey.Scope.ORGANIZATION, stored);
        List<Map<String, Object>> keys = new ArrayList<>();
        for (ConfigKey<?> key : ConfigKeys.all(ConfigKey.Scope.ORGANIZATION)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", key.name());
            entry.put("type", key.type());
            entry.put("value", effective.get(key.name()));
            entry.put("default", json.valueToTree(key.defaultValue()));
            entry.put("set", stored.containsKey(key.name()));
            entry.put("description", key.description());
            keys.add(entry);
        }
        return Map.of("keys", keys);
    }
}
