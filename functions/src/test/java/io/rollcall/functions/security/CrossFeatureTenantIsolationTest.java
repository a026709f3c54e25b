package io.rollcall.functions.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.functions.FunctionTest;
import io.rollcall.functions.RouteCalls;
import io.rollcall.functions.RouteCalls.Call;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every route outside identity that takes an id (identity's own are in TenantIsolationTest), called by
 * organization A's ADMIN with organization B's ids: the same answer as for an id that does not exist, and B's
 * data untouched. A new route with an id fails this test until it is added here.
 */
class CrossFeatureTenantIsolationTest extends FunctionTest {

    @Autowired ApplicationContext context;
    @Autowired AccessTokens tokens;
    @Autowired JdbcTemplate jdbc;
    @Autowired FacePipeline pipeline;

    @Test
    void anotherOrganizationsIdsAnswerLikeMissingOnesAndChangeNothing() throws Exception {
        UUID a = organization();
        UUID b = organization();
        String adminA = tokens.issue(new Caller(user(a, 1), a, Role.ADMIN));
        UUID bUser = user(b, 3);
        UUID bImage = UUID.randomUUID();
        jdbc.update("INSERT INTO face_images (id, organization_id, user_id, image_type, file_path) VALUES (?, ?, ?, 'KNOWN', ?)",
                bImage, b, bUser, "faces/" + b + "/" + bUser + "/" + bImage + ".jpg");
        UUID bEvent = UUID.randomUUID();
        jdbc.update("INSERT INTO events (id, organization_id, event_type, severity, metadata) VALUES (?, ?, 'UNKNOWN_FACE', 'WARNING', '{}'::jsonb)",
                bEvent, b);
        UUID bNotification = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO notifications (id, event_id, channel, status, organization_id, user_id)
                VALUES (?, ?, 'DASHBOARD', 'SENT', ?, ?)""", bNotification, bEvent, b, bUser);
        byte[] oneFace = RouteCalls.oneFaceJpeg(pipeline, env.root());
        UUID bImport = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO import_jobs (id, organization_id, created_by, state, people_key, photos_key)
                VALUES (?, ?, ?, 'WAITING_FOR_FILES', 'p', 'z')""", bImport, b, bUser);
        jdbc.update("INSERT INTO biometric_consents (id, organization_id, user_id, text_version, method, consented_at) VALUES (?, ?, ?, 'v1', 'PAPER', now())",
                UUID.randomUUID(), b, bUser);
        UUID bErasure = UUID.randomUUID();
        jdbc.update("INSERT INTO erasure_requests (id, organization_id, user_id) VALUES (?, ?, ?)", bErasure, b, bUser);
        UUID bSchedule = UUID.randomUUID();
        jdbc.update("INSERT INTO schedules (id, organization_id, name, time_zone, rotation_weeks, anchor_date) VALUES (?, ?, 'B', 'UTC', 1, '2026-01-05')",
                bSchedule, b);
        UUID bAssignment = UUID.randomUUID();
        jdbc.update("INSERT INTO schedule_assignments (id, organization_id, schedule_id, scope, valid_from) VALUES (?, ?, ?, 'ORGANIZATION', '2026-01-01')",
                bAssignment, b, bSchedule);
        UUID bHoliday = UUID.randomUUID();
        jdbc.update("INSERT INTO holidays (id, organization_id, holiday_date, name) VALUES (?, ?, '2026-12-25', 'B')", bHoliday, b);
        UUID bLeaveType = UUID.randomUUID();
        jdbc.update("INSERT INTO leave_types (id, organization_id, code, name) VALUES (?, ?, 'VAC', 'B')", bLeaveType, b);
        UUID bLeave = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO leave_requests (id, organization_id, user_id, leave_type_id, from_date, to_date, status)
                VALUES (?, ?, ?, ?, '2026-08-03', '2026-08-04', 'PENDING')""", bLeave, b, bUser, bLeaveType);

        Map<String, Function<Map<String, UUID>, Call>> calls = new LinkedHashMap<>();
        calls.put("GET /attendance/users/{userId}/today", ids -> call(Map.of("userId", ids.get("user")), null, null));
        calls.put("GET /attendance/users/{userId}/days", ids -> new Call(Map.of("userId", ids.get("user").toString()),
                Map.of("from", "2026-11-01", "to", "2026-11-25"), null, null));
        calls.put("PUT /attendance/users/{userId}/days/{date}", ids -> new Call(
                Map.of("userId", ids.get("user").toString(), "date", "2026-11-24"), Map.of(), "application/json",
                "{\"firstIn\":\"2026-11-24T08:00:00Z\",\"reason\":\"cross-tenant probe\"}".getBytes(StandardCharsets.UTF_8)));
        calls.put("GET /users/{id}/faces", ids -> call(Map.of("id", ids.get("user")), null, null));
        calls.put("POST /users/{id}/faces", ids -> call(Map.of("id", ids.get("user")), "image/jpeg", oneFace));
        calls.put("DELETE /users/{id}/faces/{imageId}", ids -> new Call(
                Map.of("id", ids.get("user").toString(), "imageId", ids.get("image").toString()), Map.of(), null, null));
        calls.put("GET /users/{id}/faces/{imageId}", ids -> new Call(
                Map.of("id", ids.get("user").toString(), "imageId", ids.get("image").toString()), Map.of(), null, null));
        calls.put("GET /me/faces/{imageId}", ids -> call(Map.of("imageId", ids.get("image")), null, null));
        calls.put("GET /users/{id}/consent", ids -> call(Map.of("id", ids.get("user")), null, null));
        calls.put("POST /users/{id}/consent", ids -> call(Map.of("id", ids.get("user")), "application/json",
                "{\"textVersion\":\"v2\",\"method\":\"CONSOLE\"}".getBytes(StandardCharsets.UTF_8)));
        calls.put("POST /users/{id}/consent/withdraw", ids -> call(Map.of("id", ids.get("user")), "application/json",
                "{\"reason\":\"cross-tenant probe\"}".getBytes(StandardCharsets.UTF_8)));
        calls.put("GET /erasure-requests/{id}", ids -> call(Map.of("id", ids.get("erasure")), null, null));
        calls.put("GET /erasure-requests/{id}/trail/csv", ids -> call(Map.of("id", ids.get("erasure")), null, null));
        calls.put("POST /erasure-requests/{id}/execute", ids -> call(Map.of("id", ids.get("erasure")), null, null));
        calls.put("POST /erasure-requests/{id}/refuse", ids -> call(Map.of("id", ids.get("erasure")), "application/json",
                "{\"reason\":\"cross-tenant probe\"}".getBytes(StandardCharsets.UTF_8)));
        calls.put("GET /events/{id}", ids -> call(Map.of("id", ids.get("event")), null, null));
        calls.put("GET /events/{id}/face", ids -> call(Map.of("id", ids.get("event")), null, null));
        calls.put("POST /events/{id}/acknowledge", ids -> call(Map.of("id", ids.get("event")), null, null));
        calls.put("POST /notifications/{id}/read", ids -> call(Map.of("id", ids.get("notification")), null, null));
        calls.put("GET /imports/{id}", ids -> call(Map.of("id", ids.get("import")), null, null));
        calls.put("GET /imports/{id}/rows", ids -> call(Map.of("id", ids.get("import")), null, null));
        calls.put("POST /imports/{id}/start", ids -> call(Map.of("id", ids.get("import")), null, null));
        calls.put("GET /timesheets/users/{userId}", ids -> new Call(Map.of("userId", ids.get("user").toString()),
                Map.of("date", "2026-11-10"), null, null));
        calls.put("DELETE /hr/schedules/{id}", ids -> call(Map.of("id", ids.get("schedule")), null, null));
        calls.put("DELETE /hr/assignments/{id}", ids -> call(Map.of("id", ids.get("assignment")), null, null));
        calls.put("DELETE /hr/holidays/{id}", ids -> call(Map.of("id", ids.get("holiday")), null, null));
        calls.put("POST /hr/leave-requests/{id}/decision", ids -> call(Map.of("id", ids.get("leave")), "application/json",
                "{\"decision\":\"APPROVED\"}".getBytes(StandardCharsets.UTF_8)));
        calls.put("GET /hr/users/{userId}/days", ids -> new Call(Map.of("userId", ids.get("user").toString()),
                Map.of("from", "2026-11-01", "to", "2026-11-25"), null, null));

        Map<String, ApiFunction> apis = context.getBeansOfType(ApiFunction.class);
        TreeSet<String> idRoutes = new TreeSet<>();
        apis.values().forEach(f -> f.api().routeKeys().stream()
                .filter(r -> r.contains("{") && !(f instanceof io.rollcall.functions.identity.IdentityApiFunction))
                .forEach(idRoutes::add));
        assertThat(idRoutes).as("every id route outside identity is probed here").isEqualTo(new TreeSet<>(calls.keySet()));

        Map<String, UUID> foreign = new LinkedHashMap<>();
        foreign.put("user", bUser);
        foreign.put("image", bImage);
        foreign.put("event", bEvent);
        foreign.put("notification", bNotification);
        foreign.put("import", bImport);
        foreign.put("erasure", bErasure);
        foreign.put("schedule", bSchedule);
        foreign.put("assignment", bAssignment);
        foreign.put("holiday", bHoliday);
        foreign.put("leave", bLeave);
        Map<String, String> leaks = new LinkedHashMap<>();
        calls.forEach((route, call) -> {
            ApiFunction api = apis.values().stream().filter(f -> f.api().routeKeys().contains(route)).findFirst().orElseThrow();
            // the same kinds of id, naming nothing
            Map<String, UUID> missing = new LinkedHashMap<>();
            foreign.keySet().forEach(kind -> missing.put(kind, UUID.randomUUID()));
            APIGatewayV2HTTPResponse foreignAnswer = api.apply(RouteCalls.event(route, call.apply(foreign), adminA));
            APIGatewayV2HTTPResponse missingAnswer = api.apply(RouteCalls.event(route, call.apply(missing), adminA));
            // the same answer, but for the id it echoes back
            if (foreignAnswer.getStatusCode() != 404 || !masked(foreignAnswer.getBody(), foreign).equals(masked(missingAnswer.getBody(), missing))) {
                leaks.put(route, foreignAnswer.getStatusCode() + " " + foreignAnswer.getBody()
                        + " / missing: " + missingAnswer.getStatusCode() + " " + missingAnswer.getBody());
            }
        });
        assertThat(leaks).isEmpty();

        // B is untouched
        assertThat(jdbc.queryForObject("SELECT count(*) FROM face_images WHERE id = ?", Integer.class, bImage)).isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM face_images WHERE user_id = ?", Integer.class, bUser)).isOne();
        assertThat(jdbc.queryForObject("SELECT acknowledged_at IS NULL FROM events WHERE id = ?", Boolean.class, bEvent)).isTrue();
        assertThat(jdbc.queryForObject("SELECT read_at IS NULL FROM notifications WHERE id = ?", Boolean.class, bNotification)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM attendance_records WHERE user_id = ?", Integer.class, bUser)).isZero();
        assertThat(jdbc.queryForObject("SELECT state FROM import_jobs WHERE id = ?", String.class, bImport)).isEqualTo("WAITING_FOR_FILES");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM biometric_consents WHERE user_id = ? AND withdrawn_at IS NULL", Integer.class, bUser))
                .as("B's consent still open, none added").isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM biometric_consents WHERE user_id = ?", Integer.class, bUser)).isOne();
        assertThat(jdbc.queryForObject("SELECT status FROM erasure_requests WHERE id = ?", String.class, bErasure)).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM schedule_assignments WHERE id = ?", Integer.class, bAssignment)).isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM holidays WHERE id = ?", Integer.class, bHoliday)).isOne();
        assertThat(jdbc.queryForObject("SELECT status FROM leave_requests WHERE id = ?", String.class, bLeave)).isEqualTo("PENDING");
    }

    private static String masked(String body, Map<String, UUID> ids) {
        String result = body;
        for (Map.Entry<String, UUID> id : ids.entrySet()) {
            result = result.replace(id.getValue().toString(), "<" + id.getKey() + ">");
        }
        return result;
    }

    private static Call call(Map<String, UUID> path, String contentType, byte[] body) {
        Map<String, String> p = new LinkedHashMap<>();
        path.forEach((k, v) -> p.put(k, v.toString()));
        return new Call(p, Map.of(), contentType, body);
    }

    private UUID organization() {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'T', 'T Ltd', ?)", id, "t-" + id);
        return id;
    }

    private UUID user(UUID organization, int role) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, organization_id, username, password_hash, role_id) VALUES (?, ?, ?, 'x', ?)",
                id, organization, "t-" + id, role);
        return id;
    }
}
