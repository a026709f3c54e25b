package io.rollcall.functions.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.attendance.AttendanceLog;
import io.rollcall.attendance.EventType;
import io.rollcall.functions.FunctionTest;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HrApiTest extends FunctionTest {

    @Autowired HrApiFunction api;
    @Autowired AccessTokens tokens;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;
    @Autowired AttendanceLog logs;

    static final String ICS = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//RollCall test//EN\r
            BEGIN:VEVENT\r
            UID:ny-2026@example.com\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;VALUE=DATE:20260101\r
            DTEND;VALUE=DATE:20260102\r
            SUMMARY:New Year\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:xmas@example.com\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;VALUE=DATE:20261225\r
            DTEND;VALUE=DATE:20261227\r
            SUMMARY:Christmas\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:labour@example.com\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;VALUE=DATE:20260501\r
            RRULE:FREQ=YEARLY;COUNT=2\r
            SUMMARY:Labour Day\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    @Test
    void badSchedulesAreRefusedNamingTheFieldAndNothingIsSaved() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("Europe/Berlin"));
        String admin = token(f, f.user("Ada", null, 1), Role.ADMIN);
        JsonNode tooLong = error(call("POST /hr/shift-types", admin, Map.of(), Map.of(),
                "{\"name\":\"Short\",\"kind\":\"FIXED\",\"start\":\"09:00\",\"end\":\"10:00\",\"breakMinutes\":60}"), 400);
        assertThat(tooLong.get("fields").get("breakMinutes").asString()).contains("longer than the shift (60 minutes)");
        JsonNode night = ok(call("POST /hr/shift-types", admin, Map.of(), Map.of(),
                "{\"name\":\"Night\",\"kind\":\"FIXED\",\"start\":\"22:00\",\"end\":\"06:00\",\"breakMinutes\":30}"), 201);
        String days = "[\"" + night.get("id").asString() + "\",null,null,null,null,null,null]";
        JsonNode zone = error(call("POST /hr/schedules", admin, Map.of(), Map.of(),
                "{\"name\":\"Nights\",\"timeZone\":\"America/New_York\",\"days\":" + days + "}"), 400);
        assertThat(zone.get("fields").get("timeZone").asString()).contains("Europe/Berlin");
        error(call("POST /hr/schedules", admin, Map.of(), Map.of(), "{\"name\":\"Short week\",\"days\":[null]}"), 400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM schedules WHERE organization_id = ?", Integer.class, f.org)).isZero();

        JsonNode schedule = ok(call("POST /hr/schedules", admin, Map.of(), Map.of(),
                "{\"name\":\"Nights\",\"timeZone\":\"Europe/Berlin\",\"days\":" + days + "}"), 201);
        String assign = "{\"scheduleId\":\"" + schedule.get("id").asString()
                + "\",\"scope\":\"DEPARTMENT\",\"department\":\"Ops\",\"validFrom\":\"%s\",\"validTo\":%s}";
        ok(call("POST /hr/assignments", admin, Map.of(), Map.of(), assign.formatted("2026-01-01", "\"2026-06-30\"")), 201);
        JsonNode overlap = error(call("POST /hr/assignments", admin, Map.of(), Map.of(), assign.formatted("2026-06-30", "null")), 409);
        assertThat(overlap.get("error").asString()).isEqualTo("overlapping_assignment");
        assertThat(overlap.get("fields").has("validFrom")).isTrue();
        ok(call("POST /hr/assignments", admin, Map.of(), Map.of(), assign.formatted("2026-07-01", "null")), 201);
        ok(call("POST /hr/assignments", admin, Map.of(), Map.of(), assign.replace("DEPARTMENT", "ORGANIZATION")
                .replace(",\"department\":\"Ops\"", "").formatted("2026-01-01", "null")), 201);
        assertThat(ok(call("GET /hr/assignments", admin, Map.of(), Map.of(), null), 200).get("items")).hasSize(3);
        error(call("DELETE /hr/schedules/{id}", admin, Map.of("id", schedule.get("id").asString()), Map.of(), null), 409);
    }

    @Test
    void anIcsCalendarImportsItsDaysOnceAndAnythingElseIsRefused() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("Europe/Berlin"));
        String admin = token(f, f.user("Ada", null, 1), Role.ADMIN);
        JsonNode imported = ok(call("POST /hr/holidays/import", admin, Map.of(), Map.of(), ICS), 200);
        assertThat(imported.get("added").asInt()).isEqualTo(5); // 1 Jan, 25-26 Dec, 1 May 2026 and 2027
        JsonNode again = ok(call("POST /hr/holidays/import", admin, Map.of(), Map.of(), ICS), 200);
        assertThat(again.get("added").asInt()).isZero();
        assertThat(again.get("alreadyThere").asInt()).isEqualTo(5);
        JsonNode list = ok(call("GET /hr/holidays", token(f, f.user("Uma", "Ops"), Role.USER), Map.of(),
                Map.of("from", "2026-01-01", "to", "2026-12-31"), null), 200);
        assertThat(list.get("items")).extracting(h -> h.get("date").asString())
                .containsExactly("2026-01-01", "2026-05-01", "2026-12-25", "2026-12-26");
        assertThat(list.get("items").get(2).get("name").asString()).isEqualTo("Christmas");
        JsonNode notIcs = error(call("POST /hr/holidays/import", admin, Map.of(), Map.of(), "date,name\n2026-01-01,New Year\n"), 422);
        assertThat(notIcs.get("error").asString()).isEqualTo("not_ics");
        assertThat(notIcs.get("fields").has("file")).isTrue();
        JsonNode noEvents = error(call("POST /hr/holidays/import", admin, Map.of(), Map.of(),
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"), 422);
        assertThat(noEvents.get("fields").get("file").asString()).contains("no event");
        error(call("POST /hr/holidays", admin, Map.of(), Map.of(), "{\"date\":\"2026-01-01\",\"name\":\"Again\"}"), 409);
        ok(call("POST /hr/holidays", admin, Map.of(), Map.of(),
                "{\"date\":\"2026-01-01\",\"name\":\"Ops party\",\"department\":\"Ops\"}"), 201);
    }

    @Test
    void aUserRequestsTheirOwnLeaveStaffDecideAndTheDayBecomesOnLeave() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("Europe/Berlin"));
        String admin = token(f, f.user("Ada", null, 1), Role.ADMIN);
        UUID opId = f.user("Otto", null, 2);
        String operator = token(f, opId, Role.OPERATOR);
        UUID umaId = f.user("Uma", "Ops");
        UUID bobId = f.user("Bob", "Ops");
        String uma = token(f, umaId, Role.USER);
        String bob = token(f, bobId, Role.USER);
        JsonNode type = ok(call("POST /hr/shift-types", admin, Map.of(), Map.of(),
                "{\"name\":\"Day\",\"kind\":\"FIXED\",\"start\":\"09:00\",\"end\":\"17:00\",\"breakMinutes\":30}"), 201);
        String t = "\"" + type.get("id").asString() + "\"";
        JsonNode schedule = ok(call("POST /hr/schedules", admin, Map.of(), Map.of(), "{\"name\":\"Office\",\"days\":["
                + t + "," + t + "," + t + "," + t + "," + t + ",null,null]}"), 201);
        ok(call("POST /hr/assignments", admin, Map.of(), Map.of(), "{\"scheduleId\":\"" + schedule.get("id").asString()
                + "\",\"scope\":\"ORGANIZATION\",\"validFrom\":\"2026-01-01\"}"), 201);
        JsonNode vac = ok(call("POST /hr/leave-types", admin, Map.of(), Map.of(), "{\"code\":\"VAC\",\"name\":\"Vacation\"}"), 201);
        error(call("POST /hr/leave-types", uma, Map.of(), Map.of(), "{\"code\":\"X\",\"name\":\"x\"}"), 403);

        String body = "{\"leaveTypeId\":\"" + vac.get("id").asString() + "\",\"from\":\"2026-06-10\",\"to\":\"2026-06-11\"}";
        JsonNode request = ok(call("POST /hr/leave-requests", uma, Map.of(), Map.of(), body), 201);
        assertThat(request.get("userId").asString()).isEqualTo(umaId.toString());
        assertThat(request.get("personName").asString()).as("approvers see who asks").isEqualTo("Uma");
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        error(call("POST /hr/leave-requests", uma, Map.of(), Map.of(), body), 409);
        JsonNode half = error(call("POST /hr/leave-requests", uma, Map.of(), Map.of(), body.replace("}", ",\"halfDay\":true}")
                .replace("2026-06-10", "2026-07-01").replace("2026-06-11", "2026-07-02")), 400);
        assertThat(half.get("fields").has("halfDay")).isTrue();
        ok(call("POST /hr/leave-requests", bob, Map.of(), Map.of(), body.replace("}", ",\"halfDay\":true}")
                .replace("2026-06-11", "2026-06-10")), 201);

        assertThat(ok(call("GET /hr/leave-requests", bob, Map.of(), Map.of(), null), 200).get("items")).hasSize(1);
        error(call("GET /hr/leave-requests", bob, Map.of(), Map.of("userId", umaId.toString()), null), 404);
        assertThat(ok(call("GET /hr/leave-requests", operator, Map.of(), Map.of("status", "PENDING"), null), 200).get("items")).hasSize(2);

        Map<String, String> id = Map.of("id", request.get("id").asString());
        error(call("POST /hr/leave-requests/{id}/decision", uma, id, Map.of(), "{\"decision\":\"APPROVED\"}"), 403);
        JsonNode approved = ok(call("POST /hr/leave-requests/{id}/decision", operator, id, Map.of(), "{\"decision\":\"APPROVED\",\"note\":\"enjoy\"}"), 200);
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("decidedBy").asString()).isEqualTo(opId.toString());
        error(call("POST /hr/leave-requests/{id}/decision", operator, id, Map.of(), "{\"decision\":\"REJECTED\"}"), 409);

        JsonNode days = ok(call("GET /hr/users/{userId}/days", uma, Map.of("userId", umaId.toString()),
                Map.of("from", "2026-06-08", "to", "2026-06-14"), null), 200).get("totals").get("days");
        assertThat(days).extracting(d -> d.get("status").asString())
                .containsExactly("ABSENT", "ABSENT", "ON_LEAVE", "ON_LEAVE", "ABSENT", "OFF", "OFF");
        error(call("GET /hr/users/{userId}/days", uma, Map.of("userId", bobId.toString()),
                Map.of("from", "2026-06-08", "to", "2026-06-14"), null), 404);

        f.event(logs, bobId, EventType.IN, "2026-06-09T09:30");
        f.event(logs, bobId, EventType.OUT, "2026-06-09T18:00");
        JsonNode summary = ok(call("GET /hr/summary", operator, Map.of(), Map.of("month", "2026-06", "department", "Ops"), null), 200);
        assertThat(summary.get("total").asInt()).isEqualTo(2);
        JsonNode bobMonth = summary.get("items").get(0);
        assertThat(bobMonth.get("fullName").asString()).isEqualTo("Bob");
        assertThat(bobMonth.get("daysPresent").asInt()).isEqualTo(1);
        assertThat(bobMonth.get("lateCount").asInt()).isEqualTo(1);
        assertThat(bobMonth.get("overtimeMinutes").asInt()).isEqualTo(0);
        assertThat(bobMonth.get("regularMinutes").asInt()).isEqualTo(480);
        assertThat(summary.get("departments")).hasSize(1);
        assertThat(summary.get("departments").get(0).get("people").asInt()).isEqualTo(2);
        error(call("GET /hr/summary", uma, Map.of(), Map.of("month", "2026-06"), null), 403);
        JsonNode badMonth = error(call("GET /hr/summary", operator, Map.of(), Map.of("month", "June"), null), 400);
        assertThat(badMonth.get("fields").has("month")).isTrue();
    }

    private String token(HrFixture f, UUID user, Role role) {
        return tokens.issue(new Caller(user, f.org, role));
    }

    private JsonNode ok(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return json.readTree(response.getBody());
    }

    private JsonNode error(APIGatewayV2HTTPResponse response, int status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return status == 403 ? null : json.readTree(response.getBody());
    }

    private APIGatewayV2HTTPResponse call(String route, String token, Map<String, String> path, Map<String, String> query,
                                          String body) {
        return api.apply(APIGatewayV2HTTPEvent.builder().withRouteKey(route).withPathParameters(path)
                .withQueryStringParameters(new HashMap<>(query)).withBody(body)
                .withHeaders(Map.of("authorization", "Bearer " + token)).build());
    }
}
