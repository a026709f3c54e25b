package io.rollcall.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** Every configuration key the system knows, with its type, default and validation. Unknown keys are refused. */
public final class ConfigKeys {

    // organization keys (system_configs); the first five are the names OrganizationSettingsService has always used
    public static final String MATCH_THRESHOLD = "recognition.match_threshold";
    public static final String LOW_THRESHOLD = "recognition.low_threshold";
    public static final String REPEAT_WINDOW_MINUTES = "attendance.repeat_window_minutes";
    public static final String TIME_ZONE = "organization.time_zone";
    public static final String UNKNOWN_FACE_RETENTION_DAYS = "retention.unknown_faces_days";
    public static final String NOTIFICATION_ROUTES = "notifications.routes";

    // application keys (application_settings)
    public static final String CACHE_TTL_SECONDS = "config.cache_ttl_seconds";
    public static final String AUDIT_RETENTION_DAYS = "retention.audit_logs_days";
    public static final String SYSTEM_LOG_RETENTION_DAYS = "retention.system_logs_days";
    public static final String NOTIFICATION_MAX_ATTEMPTS = "notifications.max_attempts";
    public static final String NOTIFICATION_BACKOFF_SECONDS = "notifications.retry_backoff_seconds";
    public static final String FACE_URL_TTL_SECONDS = "events.face_url_ttl_seconds";

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** E.164: a plus, then 8 to 15 digits. */
    private static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final List<String> CHANNELS = List.of("EMAIL", "SMS", "DASHBOARD");

    private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();

    static {
        org(MATCH_THRESHOLD, "number", 0.50, "cosine similarity at or above which a face is the person", fraction());
        org(LOW_THRESHOLD, "number", 0.35, "below this a face is unknown; between it and the match threshold, low confidence", fraction());
        org(REPEAT_WINDOW_MINUTES, "integer", 5, "a sighting within this window of the last one does not flip IN/OUT", integer(0, 1440));
        org(TIME_ZONE, "string", "UTC", "IANA time zone of the organization's day", ConfigKeys::zone);
        org(UNKNOWN_FACE_RETENTION_DAYS, "integer", 30, "days unknown face crops are kept", integer(1, 3650));
        org(NOTIFICATION_ROUTES, "object", Map.of("*", Map.of("channels", List.of("DASHBOARD"))),
                "per event type (or \"*\" for any): {channels: [EMAIL|SMS|DASHBOARD], emails: [...], phones: [E.164]}",
                ConfigKeys::routes);
        app(CACHE_TTL_SECONDS, "integer", 300, "how long config:system:{org} and config:app live in Redis (0 = no caching)", integer(0, 86400));
        app(AUDIT_RETENTION_DAYS, "integer", 365, "audit_logs rows older than this are purged", integer(1, 3650));
        app(SYSTEM_LOG_RETENTION_DAYS, "integer", 30, "system_logs rows older than this are purged", integer(1, 3650));
        app(NOTIFICATION_MAX_ATTEMPTS, "integer", 4, "deliveries tried this often before FAILED and dead-lettered", integer(1, 20));
        app(NOTIFICATION_BACKOFF_SECONDS, "integer", 30, "first retry delay; doubles per attempt (SQS visibility)", integer(0, 3600));
        app(FACE_URL_TTL_SECONDS, "integer", 300, "lifetime of a presigned face-crop URL", integer(10, 3600));
    }

    private ConfigKeys() {
    }

    public static Optional<ConfigKey> find(String name) {
        return Optional.ofNullable(KEYS.get(name));
    }

    public static List<ConfigKey> all(ConfigKey.Scope scope) {
        return KEYS.values().stream().filter(k -> k.scope() == scope).toList();
    }

    public static ConfigKey get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no config key " + name));
    }

    private static void org(String name, String type, Object def, String description, java.util.function.Function<JsonNode, String> check) {
        KEYS.put(name, new ConfigKey(name, ConfigKey.Scope.ORGANIZATION, type, def, description, check));
    }

    private static void app(String name, String type, Object def, String description, java.util.function.Function<JsonNode, String> check) {
        KEYS.put(name, new ConfigKey(name, ConfigKey.Scope.APPLICATION, type, def, description, check));
    }

    private static java.util.function.Function<JsonNode, String> fraction() {
        return v -> v.isNumber() && v.doubleValue() >= 0 && v.doubleValue() <= 1 ? null : "must be a number from 0 to 1";
    }

    private static java.util.function.Function<JsonNode, String> integer(int min, int max) {
        return v -> v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= min && v.intValue() <= max
                ? null : "must be an integer from " + min + " to " + max;
    }

    private static String zone(JsonNode v) {
        if (!v.isString()) {
            return "must be a time zone name such as Europe/Paris";
        }
        try {
            ZoneId.of(v.asString());
            return null;
        } catch (DateTimeException e) {
            return "unknown time zone " + v.asString();
        }
    }

    private static String routes(JsonNode v) {
        if (!v.isObject()) {
            return "must be an object keyed by event type";
        }
        for (Map.Entry<String, JsonNode> route : v.properties()) {
            String type = route.getKey();
            if (!type.equals("*") && !type.matches("[A-Z][A-Z_]{1,49}")) {
                return "event type " + type + " must be \"*\" or UPPER_SNAKE_CASE";
            }
            JsonNode r = route.getValue();
            if (!r.isObject()) {
                return type + " must be an object";
            }
            for (String field : r.propertyNames()) {
                if (!List.of("channels", "emails", "phones").contains(field)) {
                    return type + "." + field + " is not a route field (channels, emails, phones)";
                }
            }
            String problem = list(type + ".channels", r.get("channels"), c -> CHANNELS.contains(c) ? null : "unknown channel " + c);
            if (problem == null) {
                problem = list(type + ".emails", r.get("emails"), e -> EMAIL.matcher(e).matches() && e.length() <= 255 ? null : "invalid email address " + e);
            }
            if (problem == null) {
                problem = list(type + ".phones", r.get("phones"), p -> PHONE.matcher(p).matches() ? null : "invalid phone number " + p + " (E.164, e.g. +14155550100)");
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String list(String field, JsonNode values, java.util.function.Function<String, String> check) {
        if (values == null) {
            return null;
        }
        if (!values.isArray()) {
            return field + " must be an array of strings";
        }
        for (JsonNode value : values.values()) {
            String problem = value.isString() ? check.apply(value.asString()) : field + " must hold strings only";
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
