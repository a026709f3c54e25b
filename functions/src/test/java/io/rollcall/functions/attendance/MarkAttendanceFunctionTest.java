package io.rollcall.functions.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.rollcall.attendance.Sighting;
import io.rollcall.functions.DeadLetterQueue;
import io.rollcall.functions.LambdaInvoker;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** markAttendance through the AWS adapter with a mixed batch: the bad messages fail alone. */
class MarkAttendanceFunctionTest {

    static LambdaInvoker markAttendance;
    static JdbcTemplate jdbc;
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        markAttendance = new LambdaInvoker("markAttendance");
        jdbc = new JdbcTemplate(TestEnvironment.install().dataSource());
    }

    @Test
    void badSightingsAreDeadLetteredWithTheirReasonsWithoutBlockingTheRestOfTheBatch() {
        AttendanceFixture f = new AttendanceFixture(jdbc, 5);
        AttendanceFixture other = new AttendanceFixture(jdbc, 5);
        UUID ann = f.user("Ann", "Ops");
        UUID bob = f.user("Bob", "Ops");
        UUID gone = f.user("Gone", "Ops", true, true);
        UUID stranger = other.user("Stranger", "Ops");
        UUID entry = f.camera("ENTRY");
        Instant now = Instant.now().minusSeconds(60);

        Map<String, String> batch = new TreeMap<>();
        batch.put("m1-good", body(f.sighting(ann, entry, now)));
        batch.put("m2-not-json", "{not json");
        batch.put("m3-other-org", body(f.sighting(stranger, entry, now)));
        batch.put("m4-unknown-user", body(f.sighting(UUID.randomUUID(), entry, now)));
        batch.put("m5-deleted-user", body(f.sighting(gone, entry, now)));
        batch.put("m6-future", body(f.sighting(bob, entry, Instant.now().plusSeconds(3600))));
        batch.put("m7-other-camera", body(f.sighting(bob, other.camera("ENTRY"), now)));
        batch.put("m8-good", body(f.sighting(bob, entry, now)));

        String response = markAttendance.invoke(sqsEvent(batch));

        // bad messages can never succeed: dead-lettered at once with their reasons, not retried; the good ones pass
        assertThat(response).contains("\"batchItemFailures\":[]");
        List<String> reasons = DeadLetterQueue.reasons(DeadLetterQueue.take("attendance", 6, f.org.toString(), "{not json"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("m2-not-json", "not a valid Sighting JSON"))
                .anySatisfy(r -> assertThat(r).contains("m3-other-org", "is not a user of organization"))
                .anySatisfy(r -> assertThat(r).contains("m4-unknown-user", "is not a user of organization"))
                .anySatisfy(r -> assertThat(r).contains("m5-deleted-user", "deleted or inactive"))
                .anySatisfy(r -> assertThat(r).contains("m6-future", "in the future"))
                .anySatisfy(r -> assertThat(r).contains("m7-other-camera", "is not a camera of organization"))
                .noneSatisfy(r -> assertThat(r).containsAnyOf("m1-good", "m8-good"));
        assertThat(jdbc.queryForList("SELECT user_id FROM attendance_logs WHERE organization_id = ?", UUID.class, f.org))
                .containsExactlyInAnyOrder(ann, bob);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM attendance_logs WHERE organization_id = ?", Integer.class, other.org))
                .isZero();
    }

    static String body(Sighting s) {
        return json.writeValueAsString(s);
    }

    static String sqsEvent(Map<String, String> bodiesById) {
        StringBuilder records = new StringBuilder();
        bodiesById.forEach((id, body) -> {
            if (!records.isEmpty()) {
                records.append(',');
            }
            records.append("""
                    {"messageId":"%s","receiptHandle":"rh-%s","body":%s,"attributes":{"ApproximateReceiveCount":"1"},
                     "messageAttributes":{},"eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:rollcall-attendance","awsRegion":"us-east-1"}"""
                    .formatted(id, id, json.writeValueAsString(body)));
        });
        return "{\"Records\":[" + records + "]}";
    }
}
