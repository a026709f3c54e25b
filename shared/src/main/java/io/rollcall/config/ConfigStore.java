package io.rollcall.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes configuration: system_configs per organization and application_settings globally, read
 * through the Redis cache with the configured TTL, validated key by key on write, cache evicted at once.
 */
public class ConfigStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ConfigCache cache;
    private final JsonMapper json;

    public ConfigStore(JdbcClient jdbc, TransactionTemplate tx, ConfigCache cache, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.cache = cache;
        this.json = json;
    }

    /** The values an organization has set (no defaults), from Redis or else Postgres. */
    public Map<String, JsonNode> organizationValues(UUID organizationId) {
        return cached(ConfigCache.organizationKey(organizationId), () -> loadOrganization(organizationId));
    }

    /** The global values that have been set (no defaults). */
    public Map<String, JsonNode> applicationValues() {
        return cached(ConfigCache.APPLICATION_KEY,
                () -> load("SELECT setting_key, setting_value::text FROM application_settings", null));
    }

    /** Every key of a scope with its effective value: the stored one, or the default. */
    public Map<String, JsonNode> effective(ConfigKey.Scope scope, Map<String, JsonNode> stored) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.all(scope)) {
            JsonNode value = stored.get(key.name());
            values.put(key.name(), value != null ? value : json.valueToTree(key.defaultValue()));
        }
        return values;
    }

    /** A global setting's value, or its default. */
    public <T> T application(ConfigKey<T> key) {
        requireScope(key, ConfigKey.Scope.APPLICATION);
        return key.read(applicationValues().get(key.name()));
    }

    /** An organization's setting, or its default. */
    public <T> T organization(UUID organizationId, ConfigKey<T> key) {
        requireScope(key, ConfigKey.Scope.ORGANIZATION);
        return key.read(organizationValues(organizationId).get(key.name()));
    }

    private static void requireScope(ConfigKey<?> key, ConfigKey.Scope scope) {
        if (key.scope() != scope) {
            throw new IllegalArgumentException(key.name() + " is an " + key.scope() + " key, not " + scope);
        }
    }

    /** Sets (or, with a JSON null, resets to the default) several keys of an organization at once, or none. */
    public void updateOrganization(UUID organizationId, Map<String, JsonNode> changes) {
        tx.executeWithoutResult(s -> {
            // one change of an organization's configuration at a time, validated against what is stored now: two
            // changes that are each valid alone (low up, match down) must not both land and cross the thresholds
            jdbc.sql("SELECT id FROM organizations WHERE id = ? FOR UPDATE").param(organizationId).query(UUID.class).optional();
            validate(ConfigKey.Scope.ORGANIZATION, changes, loadOrganization(organizationId));
            write(organizationId, changes);
        });
        cache.evict(ConfigCache.organizationKey(organizationId));
    }

    private Map<String, JsonNode> loadOrganization(UUID organizationId) {
        return load("SELECT config_key, config_value::text FROM system_configs WHERE organization_id = ?", organizationId);
    }

    private void write(UUID organizationId, Map<String, JsonNode> changes) {
        changes.forEach((key, value) -> {
            if (value == null || value.isNull()) {
                jdbc.sql("DELETE FROM system_configs WHERE organization_id = ? AND config_key = ?").params(organizationId, key).update();
            } else {
                jdbc.sql("""
                        INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, ?, CAST(? AS JSONB))
                        ON CONFLICT (organization_id, config_key) DO UPDATE SET config_value = EXCLUDED.config_value, updated_at = NOW()""")
                        .params(organizationId, key, json.writeValueAsString(value)).update();
            }
        });
    }

    /** The platform operation: sets or resets global settings. */
    public void updateApplication(Map<String, JsonNode> changes) {
        validate(ConfigKey.Scope.APPLICATION, changes, applicationValues());
        tx.executeWithoutResult(s -> changes.forEach((key, value) -> {
            if (value == null || value.isNull()) {
                jdbc.sql("DELETE FROM application_settings WHERE setting_key = ?").param(key).update();
            } else {
                jdbc.sql("""
                        INSERT INTO application_settings (setting_key, setting_value) VALUES (?, CAST(? AS JSONB))
                        ON CONFLICT (setting_key) DO UPDATE SET setting_value = EXCLUDED.setting_value, updated_at = NOW()""")
                        .params(key, json.writeValueAsString(value)).update();
            }
        }));
        cache.evict(ConfigCache.APPLICATION_KEY);
    }

    private void validate(ConfigKey.Scope scope, Map<String, JsonNode> changes, Map<String, JsonNode> current) {
        Map<String, String> problems = new TreeMap<>();
        changes.forEach((name, value) -> {
            var key = ConfigKeys.find(name);
            if (key.isEmpty() || key.get().scope() != scope) {
                problems.put(name, "unknown configuration key");
            } else {
                String problem = key.get().problem(value);
                if (problem != null) {
                    problems.put(name, problem);
                }
            }
        });
        if (problems.isEmpty() && scope == ConfigKey.Scope.ORGANIZATION) {
            Map<String, JsonNode> after = new LinkedHashMap<>(current);
            changes.forEach((k, v) -> {
                if (v == null || v.isNull()) {
                    after.remove(k);
                } else {
                    after.put(k, v);
                }
            });
            Map<String, JsonNode> merged = effective(scope, after);
            String low = ConfigKeys.LOW_THRESHOLD.name();
            String match = ConfigKeys.MATCH_THRESHOLD.name();
            if (merged.get(low).doubleValue() > merged.get(match).doubleValue()) {
                problems.put(changes.containsKey(low) ? low : match,
                        "the low-confidence threshold must not exceed the match threshold");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    private Map<String, JsonNode> cached(String cacheKey, java.util.function.Supplier<Map<String, JsonNode>> loader) {
        var hit = cache.get(cacheKey);
        if (hit.isPresent()) {
            return toMap(json.readTree(hit.get()));
        }
        Map<String, JsonNode> values = loader.get();
        cache.put(cacheKey, json.writeValueAsString(values), ttlSeconds(cacheKey, values));
        return values;
    }

    /** The admin-configured TTL; config:app carries its own value, organizations read it from config:app. */
    private long ttlSeconds(String cacheKey, Map<String, JsonNode> loaded) {
        Map<String, JsonNode> app = cacheKey.equals(ConfigCache.APPLICATION_KEY) ? loaded : applicationValues();
        return ConfigKeys.CACHE_TTL_SECONDS.read(app.get(ConfigKeys.CACHE_TTL_SECONDS.name()));
    }

    private Map<String, JsonNode> load(String sql, UUID organizationId) {
        Map<String, JsonNode> values = new TreeMap<>();
        var statement = jdbc.sql(sql);
        if (organizationId != null) {
            statement = statement.param(organizationId);
        }
        statement.query((rs, i) -> values.put(rs.getString(1), json.readTree(rs.getString(2)))).list();
        return values;
    }

    private static Map<String, JsonNode> toMap(JsonNode node) {
        Map<String, JsonNode> values = new TreeMap<>();
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        }
        return values;
    }
}
