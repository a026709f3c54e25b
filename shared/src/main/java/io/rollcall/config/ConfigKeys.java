package io.rollcall.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.rollcall.domain.EmailAddress;
import io.rollcall.timesheets.PayPeriods;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every configuration key the system knows, typed: its JSON type, default, validation and how it is read.
 * Unknown keys are refused. Read a value with {@code ConfigStore.organization(org, KEY)} or
 * {@code ConfigStore.application(KEY)}, never as raw JSON.
 */
public final class ConfigKeys {

    // first, so the constants below can register themselves
    private static final Map<String, ConfigKey<?>> KEYS = new LinkedHashMap<>();
    /** E.164: a plus, then 8 to 15 digits. */
    private static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final List<String> CHANNELS = List.of("EMAIL", "SMS", "DASHBOARD");
    private static final List<String> HR_ALERT_TYPES = List.of("LATE_ARRIVAL", "ABSENT", "MISSING_OUT");
    /** Recipients per list of one route: every SMS costs money and every e-mail a connection, per event. */
    public static final int MAX_RECIPIENTS = 20;

    // organization keys (system_configs)
    public static final ConfigKey<Double> MATCH_THRESHOLD = org("recognition.match_threshold", "number", 0.50,
            "cosine similarity at or above which a face is the person", fraction(), JsonNode::asDouble);
    public static final ConfigKey<Double> LOW_THRESHOLD = org("recognition.low_threshold", "number", 0.35,
            "below this a face is unknown; between it and the match threshold, low confidence", fraction(), JsonNode::asDouble);
    public static final ConfigKey<Integer> REPEAT_WINDOW_MINUTES = org("attendance.repeat_window_minutes", "integer", 5,
            "a sighting within this window of the last one does not flip IN/OUT", integer(0, 1440), JsonNode::asInt);
    public static final ConfigKey<ZoneId> TIME_ZONE = org("organization.time_zone", "string", ZoneId.of("UTC"),
            "IANA time zone of the organization's day", ConfigKeys::zone, v -> ZoneId.of(v.asString()));
    public static final ConfigKey<Integer> UNKNOWN_FACE_RETENTION_DAYS = org("retention.unknown_faces_days", "integer", 30,
            "days unknown face crops are kept", integer(1, 3650), JsonNode::asInt);
    public static final ConfigKey<Integer> FRAME_RETENTION_HOURS = org("retention.frames_hours", "integer", 24,
            "hours camera frames (whole pictures of everyone at the door) are kept after upload", integer(1, 168),
            JsonNode::asInt);
    public static final ConfigKey<Boolean> CONSENT_REQUIRED = org("privacy.consent_required", "boolean", false,
            "enrollment refused (409 consent_required) unless the person's consent is recorded (docs/privacy.md)",
            v -> v.isBoolean() ? null : "must be true or false", JsonNode::asBoolean);
    public static final ConfigKey<Integer> INACTIVE_TEMPLATE_RETENTION_DAYS = org("retention.inactive_templates_days",
            "integer", 1095, "a person's face images and template are erased after this many days without a sighting "
                    + "(BIPA: at most 3 years)", integer(1, 1095), JsonNode::asInt);
    public static final ConfigKey<LivenessMode> LIVENESS_MODE = org("liveness.mode", "string", LivenessMode.FLAG,
            "what a matched face that fails the liveness check does: off (not checked; enrollment does not check it either), "
                    + "flag (attendance counts, a SPOOF_SUSPECTED event is raised) or enforce (no attendance, the event)",
            ConfigKeys::livenessMode, v -> LivenessMode.valueOf(v.asString().toUpperCase(java.util.Locale.ROOT)));
    public static final ConfigKey<Double> LIVENESS_THRESHOLD = org("liveness.threshold", "number", 0.50,
            "liveness score (0..1) below which a face is a suspected spoof, at recognition and at enrollment",
            fraction(), JsonNode::asDouble);
    // 0.12 by measurement on the means (docs/faces.md): more matches and fewer wrong ones than 0.10 on nearest photos
    public static final ConfigKey<Double> MATCH_MARGIN = org("recognition.min_margin", "number", 0.12,
            "a match also needs the cosine to the mean of the person's photos to exceed the second-best person's by this "
                    + "much, else it is low confidence", fraction(), JsonNode::asDouble);
    public static final ConfigKey<Integer> CAMERA_FRAMES_TO_AGREE = org("recognition.camera_frames_to_agree", "integer", 1,
            "1: a camera's match counts at once; 2: only when another frame of the camera matched the same person within "
                    + "recognition.agreement_seconds (the kiosk answers at once either way)", integer(1, 2), JsonNode::asInt);
    public static final ConfigKey<Integer> AGREEMENT_SECONDS = org("recognition.agreement_seconds", "integer", 10,
            "how close in capture time two agreeing camera frames must be", integer(1, 300), JsonNode::asInt);
    public static final ConfigKey<Integer> ENROLL_MAX_YAW = org("enrollment.max_yaw_degrees", "integer", 30,
            "an enrollment photo's head may turn left or right at most this much (degrees, from the pose model)",
            integer(5, 90), JsonNode::asInt);
    public static final ConfigKey<Integer> ENROLL_MAX_PITCH = org("enrollment.max_pitch_degrees", "integer", 35,
            "an enrollment photo's head may tilt up or down at most this much (degrees, from the pose model)",
            integer(5, 90), JsonNode::asInt);
    /** The routing table as JSON: notifications.NotificationRoute owns its shape. */
    public static final ConfigKey<JsonNode> NOTIFICATION_ROUTES = org("notifications.routes", "object", defaultRoutes(),
            "per event type (or \"*\" for any): {channels: [EMAIL|SMS|DASHBOARD], emails: [...], phones: [E.164]}",
            ConfigKeys::routes, v -> v);
    /** timesheets.PayPeriods owns its shape and rules. */
    public static final ConfigKey<PayPeriods> PAY_PERIOD = org("timesheets.pay_period", "object", PayPeriods.DEFAULT,
            "pay periods: {type: WEEKLY|BIWEEKLY|SEMI_MONTHLY|MONTHLY, anchor: the first day of any one period (YYYY-MM-DD)}",
            PayPeriods::problem, PayPeriods::read);
    // HR rules (issue 13, schedules.HrPolicies reads them; docs/hr.md)
    public static final ConfigKey<Integer> HR_GRACE_MINUTES = org("hr.grace_minutes", "integer", 5,
            "a first IN this long after the shift's start is not LATE, a last OUT this long before its end not EARLY_LEAVE",
            integer(0, 240), JsonNode::asInt);
    public static final ConfigKey<Integer> HR_ABSENT_BELOW_MINUTES = org("hr.absent_below_minutes", "integer", 120,
            "a scheduled day with fewer worked minutes is ABSENT", integer(0, 1440), JsonNode::asInt);
    public static final ConfigKey<Integer> HR_HALF_DAY_BELOW_MINUTES = org("hr.half_day_below_minutes", "integer", 240,
            "a scheduled day with fewer worked minutes (and not ABSENT) is a HALF_DAY", integer(0, 1440), JsonNode::asInt);
    public static final ConfigKey<Integer> HR_MISSING_OUT_AFTER_HOURS = org("hr.missing_out_after_hours", "integer", 4,
            "an IN without an OUT by the shift's end plus these hours is MISSING_OUT", integer(0, 12), JsonNode::asInt);
    public static final ConfigKey<String> HR_WORKED_MINUTES = org("hr.worked_minutes", "string", "FIRST_LAST",
            "FIRST_LAST: first IN to last OUT less the break; PAIRS: the sum of every IN-OUT pair",
            v -> v.isString() && List.of("FIRST_LAST", "PAIRS").contains(v.asString()) ? null : "must be FIRST_LAST or PAIRS",
            JsonNode::asString);
    /** {daily: [{afterMinutes, multiplier}, ...], weekly: {afterMinutes, multiplier} | null}. */
    public static final ConfigKey<JsonNode> HR_OVERTIME = org("hr.overtime", "object", defaultOvertime(),
            "overtime tiers: {daily: [{afterMinutes, multiplier}], weekly: {afterMinutes, multiplier} or null}",
            ConfigKeys::overtime, v -> v);
    public static final ConfigKey<List<String>> HR_ALERTS = org("hr.alerts", "array", List.of(),
            "which HR alerts are raised: any of LATE_ARRIVAL, ABSENT, MISSING_OUT",
            v -> list("hr.alerts", v, a -> HR_ALERT_TYPES.contains(a) ? null : "unknown alert " + a) == null && v.isArray()
                    ? null : "must be an array of LATE_ARRIVAL, ABSENT, MISSING_OUT",
            v -> v.values().stream().map(JsonNode::asString).toList());
    public static final ConfigKey<Integer> HR_ABSENT_ALERT_AFTER_MINUTES = org("hr.absent_alert_after_minutes", "integer", 60,
            "ABSENT is raised when there is no IN this long after the shift's start", integer(0, 1440), JsonNode::asInt);

    // application keys (application_settings)
    public static final ConfigKey<Integer> CACHE_TTL_SECONDS = app("config.cache_ttl_seconds", 300,
            "how long config:system:{org} and config:app live in Redis (0 = no caching)", 0, 86400);
    public static final ConfigKey<Integer> AUDIT_RETENTION_DAYS = app("retention.audit_logs_days", 365,
            "audit_logs rows older than this are purged", 1, 3650);
    public static final ConfigKey<Integer> SYSTEM_LOG_RETENTION_DAYS = app("retention.system_logs_days", 30,
            "system_logs rows older than this are purged", 1, 3650);
    public static final ConfigKey<Integer> NOTIFICATION_MAX_ATTEMPTS = app("notifications.max_attempts", 4,
            "deliveries tried this often before FAILED and dead-lettered", 1, 20);
    public static final ConfigKey<Integer> NOTIFICATION_BACKOFF_SECONDS = app("notifications.retry_backoff_seconds", 30,
            "first retry delay; doubles per attempt (SQS visibility)", 0, 3600);
    public static final ConfigKey<Integer> FACE_URL_TTL_SECONDS = app("events.face_url_ttl_seconds", 300,
            "lifetime of a presigned face-crop URL", 10, 3600);

    private ConfigKeys() {
    }

    public static Optional<ConfigKey<?>> find(String name) {
        return Optional.ofNullable(KEYS.get(name));
    }

    public static List<ConfigKey<?>> all(ConfigKey.Scope scope) {
        return KEYS.values().stream().filter(k -> k.scope() == scope).toList();
    }

    private static <T> ConfigKey<T> org(String name, String type, T def, String description,
                                        Function<JsonNode, String> check, Function<JsonNode, T> reader) {
        return register(new ConfigKey<>(name, ConfigKey.Scope.ORGANIZATION, type, def, description, check, reader));
    }

    private static ConfigKey<Integer> app(String name, int def, String description, int min, int max) {
        return register(new ConfigKey<>(name, ConfigKey.Scope.APPLICATION, "integer", def, description, integer(min, max),
                JsonNode::asInt));
    }

    private static <T> ConfigKey<T> register(ConfigKey<T> key) {
        if (KEYS.put(key.name(), key) != null) {
            throw new IllegalStateException("config key " + key.name() + " declared twice");
        }
        return key;
    }

    /** Every event type to the dashboard, until an ADMIN routes them elsewhere. */
    private static JsonNode defaultRoutes() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return nodes.objectNode().set("*", nodes.objectNode().set("channels", nodes.arrayNode().add("DASHBOARD")));
    }

    private static JsonNode defaultOvertime() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return nodes.objectNode()
                .<tools.jackson.databind.node.ObjectNode>set("daily", nodes.arrayNode().add(nodes.objectNode()
                        .put("afterMinutes", 480).put("multiplier", 1.5)))
                .set("weekly", nodes.objectNode().put("afterMinutes", 2400).put("multiplier", 1.5));
    }

    private static String overtime(JsonNode v) {
        if (!v.isObject()) {
            return "must be an object {daily: [...], weekly: {...}}";
        }
        for (String field : v.propertyNames()) {
            if (!List.of("daily", "weekly").contains(field)) {
                return field + " is not an overtime field (daily, weekly)";
            }
        }
        JsonNode daily = v.get("daily");
        if (daily != null && !daily.isNull()) {
            if (!daily.isArray() || daily.size() > 5) {
                return "daily must be an array of at most 5 tiers";
            }
            for (JsonNode tier : daily.values()) {
                String problem = tier("daily", tier);
                if (problem != null) {
                    return problem;
                }
            }
        }
        JsonNode weekly = v.get("weekly");
        return weekly == null || weekly.isNull() ? null : tier("weekly", weekly);
    }

    private static String tier(String field, JsonNode tier) {
        JsonNode after = tier.get("afterMinutes");
        JsonNode multiplier = tier.get("multiplier");
        if (!tier.isObject() || after == null || !after.isIntegralNumber() || after.intValue() < 0 || after.intValue() > 10080) {
            return field + " tiers need afterMinutes, an integer from 0 to 10080";
        }
        if (multiplier == null || !multiplier.isNumber() || multiplier.doubleValue() < 1 || multiplier.doubleValue() > 10) {
            return field + " tiers need a multiplier from 1 to 10";
        }
        return null;
    }

    private static Function<JsonNode, String> fraction() {
        return v -> v.isNumber() && v.doubleValue() >= 0 && v.doubleValue() <= 1 ? null : "must be a number from 0 to 1";
    }

    private static Function<JsonNode, String> integer(int min, int max) {
        return v -> v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= min && v.intValue() <= max
                ? null : "must be an integer from " + min + " to " + max;
    }

    /** What a suspected spoof does; see {@link #LIVENESS_MODE}. */
    public enum LivenessMode { OFF, FLAG, ENFORCE }

    private static String livenessMode(JsonNode v) {
        return v.isString() && List.of("off", "flag", "enforce").contains(v.asString().toLowerCase(java.util.Locale.ROOT))
                ? null : "must be one of off, flag, enforce";
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
                problem = list(type + ".emails", r.get("emails"), e -> EmailAddress.isValid(e) ? null : "invalid email address " + e);
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

    private static String list(String field, JsonNode values, Function<String, String> check) {
        if (values == null) {
            return null;
        }
        if (!values.isArray()) {
            return field + " must be an array of strings";
        }
        if (values.size() > MAX_RECIPIENTS) {
            return field + " has " + values.size() + " entries; at most " + MAX_RECIPIENTS;
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
