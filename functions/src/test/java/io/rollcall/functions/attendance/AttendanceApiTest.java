package io.rollcall.functions.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.rollcall.attendance.AttendanceSource;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.attendance.Sighting;
import io.rollcall.functions.FunctionTest;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AttendanceApiTest extends FunctionTest {

    @Autowired AttendanceApiFunction api;
    @Autowired MarkAttendance mark;
    @Autowired AccessTokens tokens;
    @Autowired JdbcTemplate jdbc;
    @Autowired JsonMapper json;

    @Test
    void aUserSeesOnlyTheirOwnDaysAndAnotherOrganizationsUserIsNotFound() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        AttendanceFixture other = new AttendanceFixture(jdbc, 5);
        UUID ann = f.user("Ann", "Ops");
        UUID bob = f.user("Bob", "Ops");
        UUID stranger = other.user("Stranger", "Ops");
        mark.mark(f.sighting(ann, f.camera("ENTRY"), f.today(9)));
        String range = "?from=" + f.date().minusDays(1) + "&to=" + f.date();

        assertThat(call("GET /attendance/users/{userId}/days", as(f, ann, Role.USER), Map.of("userId", ann.toString()),
                range, null).getBody()).contains(ann.toString(), "\"flushed\":false");
        assertThat(call("GET /attendance/users/{userId}/days", as(f, ann, Role.USER), Map.of("userId", bob.toString()),
                range, null).getStatusCode()).isEqualTo(404);
        assertThat(call("GET /attendance/users/{userId}/today", as(f, UUID.randomUUID(), Role.OPERATOR),
                Map.of("userId", stranger.toString()), "", null).getStatusCode()).isEqualTo(404);
        assertThat(call("PUT /attendance/users/{userId}/days/{date}", as(f, UUID.randomUUID(), Role.ADMIN),
                Map.of("userId", stranger.toString(), "date", f.date().toString()), "",
                "{\"firstIn\":\"" + f.today(9) + "\",\"reason\":\"x\"}").getStatusCode()).isEqualTo(404);
        assertThat(call("GET /attendance/report", as(f, ann, Role.USER), Map.of(), range, null).getStatusCode()).isEqualTo(403);
        assertThat(call("POST /attendance/flush", as(f, ann, Role.OPERATOR), Map.of(), "", "{\"date\":\"" + f.date() + "\"}")
                .getStatusCode()).isEqualTo(403);
    }

    @Test
    void theReportPagesAndFiltersAndTheCsvDefusesFormulas() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID entry = f.camera("ENTRY");
        UUID a = f.user("=Ann", "Ops");
        UUID b = f.user("Bob", "Ops");
        UUID c = f.user("Cid", "Sales");
        for (UUID u : List.of(a, b, c)) {
            mark.mark(f.sighting(u, entry, f.today(9)));
        }
        String token = as(f, UUID.randomUUID(), Role.OPERATOR);
        String range = "?from=" + f.date() + "&to=" + f.date();

        JsonNode page = body(call("GET /attendance/report", token, Map.of(), range + "&department=Ops&size=1&page=1", null));
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("fullName").asString()).isEqualTo("Bob");
        JsonNode pastTheEnd = body(call("GET /attendance/report", token, Map.of(), range + "&department=Ops&size=1&page=999", null));
        assertThat(pastTheEnd.get("items")).isEmpty();
        assertThat(pastTheEnd.get("total").asInt()).as("counted by the database, not by reading every row").isEqualTo(2);
        JsonNode one = body(call("GET /attendance/report", token, Map.of(), range + "&userId=" + c, null));
        assertThat(one.get("total").asInt()).isEqualTo(1);

        APIGatewayV2HTTPResponse csv = call("GET /attendance/report/csv", token, Map.of(), range, null);
        assertThat(csv.getHeaders()).containsEntry("content-type", "text/csv; charset=utf-8");
        assertThat(csv.getBody().split("\r\n")).hasSize(4);
        assertThat(csv.getBody()).contains("\"'=Ann\"").doesNotContain(",\"=Ann\"");
    }

    @Test
    void aCsvTooLargeForOneAnswerIsRefusedWithWhatToNarrow() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        // 120 people x 366 days of records: more rows than one answer may carry
        jdbc.update("""
                INSERT INTO users (id, organization_id, username, password_hash, role_id)
                SELECT gen_random_uuid(), ?, 'csv-' || ? || '-' || n, 'x', 3 FROM generate_series(1, 120) n""", f.org, f.org);
        jdbc.update("""
                INSERT INTO user_profiles (user_id, full_name, department)
                SELECT id, username, CASE WHEN username LIKE '%-1' THEN 'Small' ELSE 'Big' END
                FROM users WHERE organization_id = ? AND username LIKE 'csv-%'""", f.org);
        jdbc.update("""
                INSERT INTO attendance_records (id, organization_id, user_id, attendance_date, first_in_time, source)
                SELECT gen_random_uuid(), u.organization_id, u.id, d::date, d + interval '9 hours', 'CAMERA'
                FROM users u, generate_series(DATE '2025-01-01', DATE '2026-01-01', interval '1 day') d
                WHERE u.organization_id = ? AND u.username LIKE 'csv-%'""", f.org);
        String token = as(f, UUID.randomUUID(), Role.OPERATOR);
        String year = "?from=2025-01-01&to=2026-01-01";

        APIGatewayV2HTTPResponse refused = call("GET /attendance/report/csv", token, Map.of(), year, null);
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(422);
        assertThat(refused.getBody()).contains("export_too_large", "43920 rows", "narrow the dates");

        APIGatewayV2HTTPResponse small = call("GET /attendance/report/csv", token, Map.of(), year + "&department=Small", null);
        assertThat(small.getStatusCode()).isEqualTo(200);
        assertThat(small.getBody().lines().count()).isEqualTo(1 + 366);
    }

    @Test
    void aManualCorrectionIsMarkedWithItsReasonAndAuditedAndApiEventsGoThroughTheQueue() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        UUID ann = f.user("Ann", "Ops");
        UUID operator = UUID.randomUUID();
        LocalDate yesterday = f.date().minusDays(1);
        String token = as(f, operator, Role.OPERATOR);

        APIGatewayV2HTTPResponse missingReason = call("PUT /attendance/users/{userId}/days/{date}", token,
                Map.of("userId", ann.toString(), "date", yesterday.toString()), "", "{\"firstIn\":\"" + f.today(-15) + "\"}");
        assertThat(missingReason.getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse corrected = call("PUT /attendance/users/{userId}/days/{date}", token,
                Map.of("userId", ann.toString(), "date", yesterday.toString()), "",
                "{\"firstIn\":\"" + f.today(-15) + "\",\"lastOut\":\"" + f.today(-7) + "\",\"reason\":\"camera offline\"}");
        assertThat(corrected.getStatusCode()).isEqualTo(200);
        assertThat(body(corrected).get("totalMinutes").asInt()).isEqualTo(480);
        assertThat(jdbc.queryForMap("SELECT source, reason FROM attendance_records WHERE user_id = ?", ann))
                .containsEntry("source", "MANUAL").containsEntry("reason", "camera offline");
        assertThat(jdbc.queryForList("SELECT source || ':' || event_type FROM attendance_logs WHERE user_id = ? ORDER BY event_time",
                String.class, ann)).containsExactly("MANUAL:IN", "MANUAL:OUT");

        UUID eventId = UUID.randomUUID();
        APIGatewayV2HTTPResponse posted = call("POST /attendance/events", token, Map.of(), "",
                "{\"events\":[{\"eventId\":\"" + eventId + "\",\"userId\":\"" + ann + "\",\"time\":\"" + f.today(9) + "\"}]}");
        assertThat(posted.getStatusCode()).isEqualTo(202);
        assertThat(call("POST /attendance/events", token, Map.of(), "",
                "{\"events\":[{\"eventId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + UUID.randomUUID() + "\",\"time\":\""
                        + f.today(9) + "\"}]}").getStatusCode()).isEqualTo(400);

        try (SqsClient sqs = env.sqs()) {
            List<Message> queued = sqs.receiveMessage(r -> r.queueUrl(env.queueUrl("attendance")).maxNumberOfMessages(10)
                    .waitTimeSeconds(2)).messages();
            Sighting sighting = queued.stream().map(m -> json.readValue(m.body(), Sighting.class))
                    .filter(s -> eventId.equals(s.eventId())).findFirst().orElseThrow();
            assertThat(sighting.source()).isEqualTo(AttendanceSource.API);
            assertThat(sighting.organizationId()).isEqualTo(f.org);
            assertThat(mark.mark(sighting)).isInstanceOf(MarkAttendance.Outcome.Accepted.class);
            assertThat(jdbc.queryForObject("SELECT source FROM attendance_logs WHERE id = ?", String.class, eventId)).isEqualTo("API");

            List<String> audited = sqs.receiveMessage(r -> r.queueUrl(env.queueUrl("audit")).maxNumberOfMessages(10)
                    .waitTimeSeconds(2)).messages().stream().map(Message::body).filter(b -> b.contains(operator.toString())).toList();
            assertThat(audited).anySatisfy(b -> assertThat(b).contains("ATTENDANCE_CORRECTED"))
                    .anySatisfy(b -> assertThat(b).contains("ATTENDANCE_EVENT_POSTED", eventId.toString()));
        }
    }

    private String as(AttendanceFixture f, UUID user, Role role) {
        return tokens.issue(new Caller(user, f.org, role));
    }

    private JsonNode body(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private APIGatewayV2HTTPResponse call(String routeKey, String token, Map<String, String> path, String query, String body) {
        Map<String, String> params = new java.util.HashMap<>();
        if (query.startsWith("?")) {
            for (String pair : query.substring(1).split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv[1]);
            }
        }
        return api.apply(APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withPathParameters(path)
                .withQueryStringParameters(params).withBody(body)
                .withHeaders(Map.of("authorization", "Bearer " + token)).build());
    }
}
