package io.rollcall.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.functions.DeadLetterQueue;
import io.rollcall.functions.LambdaInvoker;
import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** recordAudit through the AWS adapter, as Lambda calls it with an SQS batch. */
class RecordAuditFunctionTest {

    static LambdaInvoker recordAudit;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        recordAudit = new LambdaInvoker("recordAudit");
        jdbc = new JdbcTemplate(TestEnvironment.install().dataSource());
    }

    @Test
    void writesTheValidRecordsOfABatchAndDeadLettersTheMalformedOnesWithTheirReasons() {
        String entity = UUID.randomUUID().toString();
        String good1 = record("USER_CREATED", entity, "10.1.2.3");
        String good2 = record("USER_UPDATED", entity, "2001:db8::1");
        String notJson = "{this is not json";
        String noAction = record("", entity, null);
        String badIp = record("USER_DELETED", entity, "not-an-ip");

        String response = recordAudit.invoke(sqsEvent(Map.of("m1", good1, "m2", notJson, "m3", good2, "m4", noAction, "m5", badIp)));

        // malformed records can never succeed: dead-lettered at once with their reasons, not retried
        assertThat(response).contains("\"batchItemFailures\":[]");
        List<String> reasons = DeadLetterQueue.reasons(DeadLetterQueue.take("audit", 3, entity, notJson));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("message m2", "not a valid AuditRecord JSON"))
                .anySatisfy(r -> assertThat(r).contains("message m4", "action is required"))
                .anySatisfy(r -> assertThat(r).contains("message m5", "ipAddress is not an IPv4 or IPv6 address"));
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT action, host(ip_address) AS ip, user_agent FROM audit_logs WHERE entity_id = ? ORDER BY action", entity);
        assertThat(rows).extracting(r -> r.get("action")).containsExactly("USER_CREATED", "USER_UPDATED");
        assertThat(rows).extracting(r -> r.get("ip")).containsExactly("10.1.2.3", "2001:db8::1");
        assertThat(rows).extracting(r -> r.get("user_agent")).containsOnly("junit");
    }

    @Test
    void aRecordDeliveredTwiceIsOneRow() {
        String entity = UUID.randomUUID().toString();
        String once = """
                {"organizationId":"%s","userId":"%s","action":"USER_CREATED","entityType":"USER","entityId":"%s","userAgent":"junit","occurredAt":"2026-11-25T08:00:00Z","id":"%s"}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), entity, UUID.randomUUID());

        recordAudit.invoke(sqsEvent(Map.of("m1", once, "m2", once)));   // twice in one batch
        recordAudit.invoke(sqsEvent(Map.of("m3", once)));               // and redelivered later

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE entity_id = ?", Integer.class, entity)).isOne();
    }

    @Test
    void anEmptyBatchReportsNoFailure() {
        assertThat(recordAudit.invoke("{\"Records\":[]}")).contains("\"batchItemFailures\":[]");
    }

    static String record(String action, String entityId, String ip) {
        return """
                {"organizationId":"%s","userId":"%s","action":"%s","entityType":"USER","entityId":"%s",%s"userAgent":"junit","occurredAt":"2026-11-25T08:00:00Z"}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), action, entityId, ip == null ? "" : "\"ipAddress\":\"" + ip + "\",");
    }

    static String sqsEvent(Map<String, String> bodiesById) {
        StringBuilder records = new StringBuilder();
        new java.util.TreeMap<>(bodiesById).forEach((id, body) -> {
            if (!records.isEmpty()) {
                records.append(',');
            }
            records.append("""
                    {"messageId":"%s","receiptHandle":"rh-%s","body":%s,"attributes":{"ApproximateReceiveCount":"1"},
                     "messageAttributes":{},"eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:rollcall-audit","awsRegion":"us-east-1"}"""
                    .formatted(id, id, quote(body)));
        });
        return "{\"Records\":[" + records + "]}";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
