package io.rollcall.functions.timesheets;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.attendance.AttendanceLog;
import io.rollcall.attendance.AttendanceSource;
import io.rollcall.attendance.EventType;
import io.rollcall.functions.RouteCalls;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import io.rollcall.schedules.ScheduleAssignments;
import io.rollcall.schedules.Schedules;
import io.rollcall.schedules.Shift;
import io.rollcall.schedules.ShiftTypes;
import io.rollcall.schedules.WorkCalendar;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organization in a zone, its people made with SQL (identity owns those tables; created long before the
 * periods the tests pay), their events through attendance's repository, schedules through the schedules
 * feature's, and calls of any route as API Gateway would make them.
 */
final class TimesheetFixture {

    /** What a route answered. */
    record Answer(int status, String body, Map<String, String> headers, JsonNode json) {
    }

    final JdbcTemplate jdbc;
    final ApplicationContext context;
    final AccessTokens tokens;
    final JsonMapper json;
    final UUID org = UUID.randomUUID();
    final ZoneId zone;
    final UUID admin;
    final UUID operator;

    TimesheetFixture(JdbcTemplate jdbc, ApplicationContext context, AccessTokens tokens, JsonMapper json, ZoneId zone) {
        this.jdbc = jdbc;
        this.context = context;
        this.tokens = tokens;
        this.json = json;
        this.zone = zone;
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Org', 'Org Ltd', ?)", org, "org-" + org);
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, ?, to_jsonb(?::text))",
                org, "organization.time_zone", zone.getId());
        admin = user("Zed Admin", "Office", 1);
        operator = user("Zoe Operator", "Office", 2);
    }

    UUID user(String name, String department) {
        return user(name, department, 3);
    }

    UUID user(String name, String department, int role) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO users (id, organization_id, username, password_hash, role_id, created_at)
                VALUES (?, ?, ?, 'x', ?, '2025-01-01T00:00:00Z')""", id, org, name.toLowerCase().replace(' ', '-') + "-" + id, role);
        jdbc.update("INSERT INTO user_profiles (user_id, full_name, employee_code, department) VALUES (?, ?, ?, ?)",
                id, name, "E-" + name.split(" ")[0], department);
        return id;
    }

    String token(UUID user, Role role) {
        return tokens.issue(new Caller(user, org, role));
    }

    String adminToken() {
        return token(admin, Role.ADMIN);
    }

    String operatorToken() {
        return token(operator, Role.OPERATOR);
    }

    Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    void event(AttendanceLog logs, UUID user, EventType type, String localDateTime) {
        Instant time = at(localDateTime);
        logs.insert(new AttendanceLog.Entry(UUID.randomUUID(), org, user, LocalDate.ofInstant(time, zone), type, time,
                null, null, AttendanceSource.API, false, null, null));
    }

    /** A day worked from {@code in} to {@code out} (local times, HH:mm). */
    void worked(AttendanceLog logs, UUID user, LocalDate date, String in, String out) {
        event(logs, user, EventType.IN, date + "T" + in);
        event(logs, user, EventType.OUT, date + "T" + out);
    }

    /** A shift type and a one-week schedule working it Monday to Friday. */
    UUID weekdaySchedule(ShiftTypes types, Schedules schedules, String name, Shift shift) {
        UUID type = UUID.randomUUID();
        types.insert(org, new ShiftTypes.ShiftType(type, name, shift));
        List<UUID> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(i < 5 ? type : null);
        }
        UUID id = UUID.randomUUID();
        schedules.insert(org, new Schedules.Schedule(id, name, zone.getId(), 1, LocalDate.of(2026, 1, 5), days));
        return id;
    }

    void assign(ScheduleAssignments assignments, UUID schedule, WorkCalendar.Scope scope, String department) {
        assignments.insert(org, new WorkCalendar.Assignment(UUID.randomUUID(), schedule, scope, department, null,
                LocalDate.of(2026, 1, 1), null));
    }

    static Shift nineToFive() {
        return Shift.fixed(LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
    }

    Answer call(String route, String token, Map<String, String> path, Map<String, String> query, String body) {
        RouteCalls.Call call = new RouteCalls.Call(path, query, body == null ? null : "application/json",
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse response = RouteCalls.functionFor(context, route).apply(RouteCalls.event(route, call, token));
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        String type = headers.getOrDefault("content-type", "");
        JsonNode node = type.startsWith("application/json") && response.getBody() != null ? json.readTree(response.getBody()) : null;
        return new Answer(response.getStatusCode(), response.getBody(), headers, node);
    }

    Answer get(String route, String token, Map<String, String> path, Map<String, String> query) {
        return call(route, token, path, query, null);
    }

    Answer post(String route, String token, String body) {
        return call(route, token, Map.of(), Map.of(), body);
    }
}
