package io.rollcall.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.audit.AuditAction;
import io.rollcall.faces.imports.ImportFiles;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.functions.FunctionTest;
import io.rollcall.functions.RouteCalls.Call;
import io.rollcall.functions.RouteCalls;
import io.rollcall.functions.identity.AuditQueue;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.PasswordHasher;
import io.rollcall.identity.Role;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Every mutation is audited", checked rather than remembered: every mutating route of docs/openapi.yaml is
 * called once, successfully, and must leave its audit record (action, entity, actor) on the audit queue. A new
 * mutating route fails this test until it is walked here, or exempted with the reason.
 */
class AuditWalkTest extends FunctionTest {

    /** Mutating routes that are not audited, and why. */
    static final Map<String, String> EXEMPT = Map.of(
            "POST /camera/upload-url", "a camera's own traffic: it only presigns an upload of a frame",
            "POST /camera/frames", "a camera's own traffic: the frame is kept as an object and its recognition "
                    + "becomes attendance logs and events; an audit row per frame would say nothing more",
            "POST /kiosk/frames", "the door kiosk's traffic, as POST /camera/frames: its sighting is an attendance log",
            "POST /auth/refresh", "continues a session every few minutes (the sign-in is LOGIN_SUCCEEDED); the reuse "
                    + "of a rotated token, the one that matters, is audited as SESSION_REFRESH_REUSED",
            "POST /auth/sign-out", "ends the browser's own session, with no verified caller to name");

    /** One walked route: how to call it, as whom, and the audit record it must leave. */
    record Step(String route, Function<Map<String, String>, Call> call, String as, AuditAction action,
                Function<JsonNode, String> entity) {
    }

    @Autowired ApplicationContext context;
    @Autowired AccessTokens tokens;
    @Autowired JdbcTemplate jdbc;
    @Autowired PasswordHasher hasher;
    @Autowired FacePipeline pipeline;
    @Autowired JsonMapper json;

    @Test
    void everyMutatingRouteLeavesItsAuditRecord() throws IOException {
        UUID org = UUID.randomUUID();
        String code = "walk-" + org.toString().substring(0, 8);
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Walk', 'Walk Ltd', ?)", org, code);
        // the walk enrolls a crop of a group photo, which the liveness network scores low; liveness is LivenessTest's
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, 'liveness.mode', '\"off\"')", org);
        UUID admin = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, organization_id, username, password_hash, role_id) VALUES (?, ?, ?, ?, 1)",
                admin, org, "admin-" + admin, hasher.hash("admin-password-1"));
        UUID event = UUID.randomUUID();
        jdbc.update("INSERT INTO events (id, organization_id, event_type, severity, metadata) VALUES (?, ?, 'UNKNOWN_FACE', 'WARNING', '{}'::jsonb)",
                event, org);
        UUID notification = UUID.randomUUID();
        jdbc.update("INSERT INTO notifications (id, event_id, channel, status, organization_id, user_id) VALUES (?, ?, 'DASHBOARD', 'SENT', ?, ?)",
                notification, event, org, admin);
        byte[] face = RouteCalls.oneFaceJpeg(pipeline, env.root());
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String username = "walked-" + UUID.randomUUID().toString().substring(0, 8);
        UUID postedEvent = UUID.randomUUID();

        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("admin", tokens.issue(new Caller(admin, org, Role.ADMIN)));
        List<Step> steps = List.of(
                step("POST /users", v -> Call.json(Map.of(), """
                        {"username":"%s","password":"first-password-1","role":"USER","fullName":"Walked","department":"QA"}"""
                        .formatted(username)), "admin", AuditAction.USER_CREATED, b -> remember(ids, "user", b.get("id").asString())),
                step("PATCH /users/{id}", v -> Call.json(Map.of("id", v.get("user")), "{\"email\":\"walked@example.com\"}"),
                        "admin", AuditAction.USER_UPDATED, b -> ids.get("user")),
                step("PUT /users/{id}/profile", v -> Call.json(Map.of("id", v.get("user")), "{\"fullName\":\"Walked Again\"}"),
                        "admin", AuditAction.USER_PROFILE_UPDATED, b -> ids.get("user")),
                step("POST /users/{id}/password", v -> Call.json(Map.of("id", v.get("user")), "{\"password\":\"second-password-2\"}"),
                        "admin", AuditAction.USER_PASSWORD_RESET, b -> ids.get("user")),
                step("POST /auth/login", v -> Call.json(Map.of(), """
                        {"username":"%s","password":"second-password-2"}""".formatted(username)), null,
                        AuditAction.LOGIN_SUCCEEDED, b -> {
                            ids.put("walked", b.get("accessToken").asString());
                            return ids.get("user");
                        }),
                step("POST /me/erasure-requests", v -> Call.json(Map.of(), "{\"reason\":\"walked\"}"), "walked",
                        AuditAction.ERASURE_REQUESTED, b -> remember(ids, "erasure", b.get("id").asString())),
                step("POST /me/password", v -> Call.json(Map.of(), """
                        {"currentPassword":"second-password-2","newPassword":"third-password-3"}"""), "walked",
                        AuditAction.USER_PASSWORD_CHANGED, b -> ids.get("user")),
                step("POST /auth/sign-out-everywhere", v -> {
                            // the password change ended the person's sessions: sign in again first
                            ids.put("walked", login(username, "third-password-3"));
                            return Call.empty(Map.of());
                        }, "walked", AuditAction.SESSIONS_ENDED, b -> ids.get("user")),
                step("POST /cameras", v -> Call.json(Map.of(), "{\"name\":\"door\",\"direction\":\"ENTRY\"}"), "admin",
                        AuditAction.CAMERA_CREATED, b -> remember(ids, "camera", b.get("camera").get("id").asString())),
                step("PATCH /cameras/{id}", v -> Call.json(Map.of("id", v.get("camera")), "{\"name\":\"front door\"}"),
                        "admin", AuditAction.CAMERA_UPDATED, b -> ids.get("camera")),
                step("POST /cameras/{id}/key", v -> Call.empty(Map.of("id", v.get("camera"))), "admin",
                        AuditAction.CAMERA_KEY_ROTATED, b -> ids.get("camera")),
                step("DELETE /cameras/{id}/key", v -> Call.empty(Map.of("id", v.get("camera"))), "admin",
                        AuditAction.CAMERA_KEY_REVOKED, b -> ids.get("camera")),
                step("POST /users/{id}/faces", v -> new Call(Map.of("id", v.get("user")), Map.of(), "image/jpeg", face),
                        "admin", AuditAction.FACE_ENROLLED, b -> remember(ids, "image", b.get("imageId").asString())),
                step("DELETE /users/{id}/faces/{imageId}", v -> Call.empty(Map.of("id", v.get("user"), "imageId", v.get("image"))),
                        "admin", AuditAction.FACE_DELETED, b -> ids.get("image")),
                step("POST /imports", v -> Call.empty(Map.of()), "admin", AuditAction.IMPORT_CREATED,
                        b -> remember(ids, "import", b.get("import").get("id").asString())),
                step("POST /imports/{id}/start", v -> {
                            // the two files, as the upload links would have put them: a header and an empty zip
                            try (var s3 = env.s3()) {
                                UUID job = UUID.fromString(v.get("import"));
                                s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(ImportFiles.peopleKey(org, job)),
                                        RequestBody.fromString("username\n"));
                                s3.putObject(r -> r.bucket(TestEnvironment.BUCKET).key(ImportFiles.photosKey(org, job)),
                                        RequestBody.fromBytes(new byte[] {0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
                            }
                            return Call.empty(Map.of("id", v.get("import")));
                        }, "admin", AuditAction.IMPORT_STARTED, b -> ids.get("import")),
                step("POST /users/{id}/consent", v -> Call.json(Map.of("id", v.get("user")), """
                        {"textVersion":"walk-1","method":"PAPER"}"""), "admin", AuditAction.CONSENT_RECORDED, b -> ids.get("user")),
                step("POST /users/{id}/consent/withdraw", v -> Call.json(Map.of("id", v.get("user")), "{\"reason\":\"walked\"}"),
                        "admin", AuditAction.CONSENT_WITHDRAWN, b -> ids.get("user")),
                step("POST /erasure-requests/{id}/execute", v -> Call.empty(Map.of("id", v.get("erasure"))), "admin",
                        AuditAction.ERASURE_EXECUTED, b -> ids.get("erasure")),
                step("POST /erasure-requests/{id}/refuse", v -> {
                            UUID second = UUID.randomUUID(); // a second request of the person's, to refuse
                            jdbc.update("INSERT INTO erasure_requests (id, organization_id, user_id) VALUES (?, ?, ?::uuid)",
                                    second, org, v.get("user"));
                            ids.put("refused", second.toString());
                            return Call.json(Map.of("id", second.toString()), "{\"reason\":\"walked\"}");
                        }, "admin", AuditAction.ERASURE_REFUSED, b -> ids.get("refused")),
                step("POST /recognize", v -> new Call(Map.of(), Map.of(), "image/jpeg", face), "admin",
                        AuditAction.FACES_RECOGNIZED, b -> b.get("recognitionId").asString()),
                step("PUT /attendance/users/{userId}/days/{date}", v -> Call.json(Map.of("userId", v.get("user"),
                                "date", yesterday.toString()), """
                                {"firstIn":"%sT08:00:00Z","reason":"walked"}""".formatted(yesterday)), "admin",
                        AuditAction.ATTENDANCE_CORRECTED, b -> jdbc.queryForObject(
                                "SELECT id::text FROM attendance_records WHERE user_id = ?::uuid", String.class, ids.get("user"))),
                step("POST /attendance/events", v -> Call.json(Map.of(), """
                        {"events":[{"eventId":"%s","userId":"%s","time":"%s"}]}""".formatted(postedEvent, v.get("user"),
                        Instant.now().minusSeconds(60))), "admin", AuditAction.ATTENDANCE_EVENT_POSTED, b -> postedEvent.toString()),
                step("POST /attendance/flush", v -> Call.json(Map.of(), "{\"date\":\"" + yesterday + "\"}"), "admin",
                        AuditAction.ATTENDANCE_FLUSHED, b -> yesterday.toString()),
                step("PATCH /config", v -> Call.json(Map.of(), "{\"attendance.repeat_window_minutes\":10}"), "admin",
                        AuditAction.CONFIG_UPDATED, b -> "attendance.repeat_window_minutes"),
                step("POST /events/{id}/acknowledge", v -> Call.empty(Map.of("id", event.toString())), "admin",
                        AuditAction.EVENT_ACKNOWLEDGED, b -> event.toString()),
                step("POST /notifications/{id}/read", v -> Call.empty(Map.of("id", notification.toString())), "admin",
                        AuditAction.NOTIFICATION_READ, b -> notification.toString()),
                step("POST /hr/shift-types", v -> Call.json(Map.of(), """
                        {"name":"Day","kind":"FIXED","start":"09:00","end":"17:00","breakMinutes":30}"""), "admin",
                        AuditAction.SHIFT_TYPE_CREATED, b -> remember(ids, "shiftType", b.get("id").asString())),
                step("POST /hr/schedules", v -> Call.json(Map.of(), """
                        {"name":"Office","days":["%1$s","%1$s","%1$s","%1$s","%1$s",null,null]}""".formatted(v.get("shiftType"))),
                        "admin", AuditAction.SCHEDULE_CREATED, b -> remember(ids, "schedule", b.get("id").asString())),
                step("POST /hr/assignments", v -> Call.json(Map.of(), """
                        {"scheduleId":"%s","scope":"USER","userId":"%s","validFrom":"2026-01-01"}"""
                        .formatted(v.get("schedule"), v.get("user"))), "admin", AuditAction.SCHEDULE_ASSIGNED,
                        b -> remember(ids, "assignment", b.get("id").asString())),
                step("DELETE /hr/assignments/{id}", v -> Call.empty(Map.of("id", v.get("assignment"))), "admin",
                        AuditAction.SCHEDULE_UNASSIGNED, b -> ids.get("assignment")),
                step("DELETE /hr/schedules/{id}", v -> Call.empty(Map.of("id", v.get("schedule"))), "admin",
                        AuditAction.SCHEDULE_DELETED, b -> ids.get("schedule")),
                step("POST /hr/holidays", v -> Call.json(Map.of(), "{\"date\":\"2026-05-01\",\"name\":\"May Day\"}"),
                        "admin", AuditAction.HOLIDAY_CREATED, b -> remember(ids, "holiday", b.get("id").asString())),
                step("DELETE /hr/holidays/{id}", v -> Call.empty(Map.of("id", v.get("holiday"))), "admin",
                        AuditAction.HOLIDAY_DELETED, b -> ids.get("holiday")),
                step("POST /hr/holidays/import", v -> new Call(Map.of(), Map.of(), "text/calendar", String.join("\r\n",
                                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//walk//EN", "BEGIN:VEVENT", "UID:walk@example.com",
                                "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20261225", "SUMMARY:Christmas", "END:VEVENT",
                                "END:VCALENDAR", "").getBytes(java.nio.charset.StandardCharsets.UTF_8)), "admin",
                        AuditAction.HOLIDAY_IMPORTED, b -> b.get("holidays").get(0).get("id").asString()),
                step("POST /hr/leave-types", v -> Call.json(Map.of(), "{\"code\":\"VAC\",\"name\":\"Vacation\"}"), "admin",
                        AuditAction.LEAVE_TYPE_CREATED, b -> remember(ids, "leaveType", b.get("id").asString())),
                step("POST /hr/leave-requests", v -> Call.json(Map.of(), """
                        {"leaveTypeId":"%s","from":"2026-08-03","to":"2026-08-07"}""".formatted(v.get("leaveType"))),
                        "admin", AuditAction.LEAVE_REQUESTED, b -> remember(ids, "leave", b.get("id").asString())),
                step("POST /hr/leave-requests/{id}/decision", v -> Call.json(Map.of("id", v.get("leave")),
                                "{\"decision\":\"APPROVED\"}"), "admin", AuditAction.LEAVE_APPROVED, b -> ids.get("leave")),
                // the period of today: the people created above have a timesheet in it
                step("POST /timesheets/approve", v -> Call.json(Map.of(), "{\"date\":\"" + today + "\"}"), "admin",
                        AuditAction.TIMESHEET_APPROVED, b -> remember(ids, "timesheet", b.get("timesheetIds").get(0).asString())),
                step("POST /timesheets/lock", v -> Call.json(Map.of(), "{\"date\":\"" + today + "\"}"), "admin",
                        AuditAction.TIMESHEET_LOCKED, b -> ids.get("timesheet")),
                step("POST /timesheets/export", v -> Call.json(Map.of(), "{\"date\":\"" + today + "\",\"format\":\"csv\"}"),
                        "admin", AuditAction.TIMESHEETS_EXPORTED, b -> jdbc.queryForObject(
                                "SELECT min(period_start)::text || '..' || min(period_end)::text FROM timesheets WHERE id = ?::uuid",
                                String.class, ids.get("timesheet"))),
                step("POST /timesheets/reopen", v -> Call.json(Map.of(), "{\"date\":\"" + today + "\",\"reason\":\"walked\"}"),
                        "admin", AuditAction.TIMESHEET_REOPENED, b -> ids.get("timesheet")),
                step("POST /users/{id}/deactivate", v -> Call.empty(Map.of("id", v.get("user"))), "admin",
                        AuditAction.USER_DEACTIVATED, b -> ids.get("user")),
                step("DELETE /cameras/{id}", v -> Call.empty(Map.of("id", v.get("camera"))), "admin",
                        AuditAction.CAMERA_DELETED, b -> ids.get("camera")),
                step("DELETE /users/{id}", v -> Call.empty(Map.of("id", v.get("user"))), "admin",
                        AuditAction.USER_DELETED, b -> ids.get("user")),
                step("PATCH /organization", v -> Call.json(Map.of(), "{\"name\":\"Walked Org\"}"), "admin",
                        AuditAction.ORGANIZATION_UPDATED, b -> org.toString()),
                step("POST /organization/deactivate", v -> Call.json(Map.of(), "{\"code\":\"" + code + "\"}"), "admin",
                        AuditAction.ORGANIZATION_DEACTIVATED, b -> org.toString()));

        TreeSet<String> walked = new TreeSet<>(EXEMPT.keySet());
        steps.forEach(s -> assertThat(walked.add(s.route())).as(s.route() + " walked twice").isTrue());
        assertThat(walked).as("every mutating route of docs/openapi.yaml is walked or exempted").isEqualTo(mutatingRoutes());

        for (Step step : steps) {
            APIGatewayV2HTTPResponse response = RouteCalls.functionFor(context, step.route())
                    .apply(RouteCalls.event(step.route(), step.call().apply(ids), step.as() == null ? null : ids.get(step.as())));
            assertThat(response.getStatusCode()).as(step.route() + ": " + response.getBody()).isBetween(200, 299);
            boolean isJson = response.getHeaders() == null
                    || response.getHeaders().getOrDefault("content-type", "application/json").startsWith("application/json");
            JsonNode body = response.getBody() == null || response.getBody().isBlank() || !isJson ? json.createObjectNode()
                    : json.readTree(response.getBody());
            String entity = step.entity().apply(body);
            JsonNode record = AuditQueue.find(step.action().name(), entity, org);
            assertThat(record.get("entityType").asString()).as(step.route()).isEqualTo(step.action().entity().name());
            assertThat(record.get("organizationId").asString()).as(step.route()).isEqualTo(org.toString());
            UUID actor = step.as() == null || step.as().equals("walked") ? UUID.fromString(ids.get("user")) : admin;
            assertThat(record.get("userId").asString()).as(step.route() + " is audited under its actor").isEqualTo(actor.toString());
        }
    }

    private String login(String username, String password) {
        APIGatewayV2HTTPResponse response = RouteCalls.functionFor(context, "POST /auth/login").apply(RouteCalls.event(
                "POST /auth/login", Call.json(Map.of(), "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password)), null));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody()).get("accessToken").asString();
    }

    private static Step step(String route, Function<Map<String, String>, Call> call, String as, AuditAction action,
                             Function<JsonNode, String> entity) {
        return new Step(route, call, as, action, entity);
    }

    private static String remember(Map<String, String> ids, String name, String value) {
        ids.put(name, value);
        return value;
    }

    @SuppressWarnings("unchecked")
    private TreeSet<String> mutatingRoutes() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(env.root().resolve("docs/openapi.yaml")));
        TreeSet<String> routes = new TreeSet<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> List.of("post", "put", "patch", "delete").contains(m))
                .forEach(m -> routes.add(m.toUpperCase() + " " + path)));
        return routes;
    }
}
