package io.rollcall.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.audit.AuditRecord;
import io.rollcall.functions.retention.ApplyRetentionFunction;
import io.rollcall.functions.audit.RecordAuditFunction;
import io.rollcall.identity.Role;
import io.rollcall.logs.SystemLogAppender;
import io.rollcall.logs.SystemLogging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditAndSystemLogsTest extends OrganizationTest {

    private static final Logger log = LoggerFactory.getLogger(AuditAndSystemLogsTest.class);

    @Autowired AdminApiFunction adminApi;
    @Autowired RecordAuditFunction recordAudit;
    @Autowired ApplyRetentionFunction purge;
    @Autowired SystemLogging systemLogging;
    @Autowired JsonMapper json;

    @Test
    void recordAuditWritesABatchWithCopyAndAdminsQueryItByUserEntityActionAndTimeInPages() {
        UUID alice = UUID.randomUUID();
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            records.add(new AuditRecord(org, i % 2 == 0 ? alice : UUID.randomUUID(), i % 3 == 0 ? "USER_UPDATED" : "USER_CREATED",
                    "USER", "u-" + (i % 10), i % 4 == 0 ? null : "10.0.0." + i, "agent \"quoted\", with comma", base.plusSeconds(i)));
        }
        records.add(new AuditRecord(fixtures.organization(), alice, "USER_CREATED", "USER", "u-1", null, null, base)); // another tenant
        var response = recordAudit.apply(sqs(records));
        assertThat(response.getBatchItemFailures()).isEmpty();

        assertThat(rows(Map.of("userId", alice.toString()))).hasSize(50).allSatisfy(r -> assertThat(r.get("userId").asString()).isEqualTo(alice.toString()));
        assertThat(rows(Map.of("entityType", "USER", "entityId", "u-3"))).hasSize(12);
        assertThat(rows(Map.of("action", "USER_UPDATED", "limit", "500"))).hasSize(40);
        List<JsonNode> window = rows(Map.of("from", base.plusSeconds(10).toString(), "to", base.plusSeconds(20).toString()));
        assertThat(window).hasSize(10);
        assertThat(window.get(0).get("userAgent").asString()).isEqualTo("agent \"quoted\", with comma");

        // keyset pages: newest first, no row twice, none missed
        List<String> seen = new ArrayList<>();
        String before = null;
        do {
            Map<String, String> query = new java.util.HashMap<>(Map.of("limit", "50"));
            if (before != null) {
                query.put("before", before);
            }
            JsonNode page = json.readTree(adminApi.apply(fixtures.request("GET /audit-logs", admin, Map.of(), query, null)).getBody());
            page.get("auditLogs").values().forEach(r -> seen.add(r.get("createdAt").asString() + "#" + r.get("id").asString()));
            before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asString();
        } while (before != null);
        assertThat(seen).hasSize(120).doesNotHaveDuplicates();
        assertThat(seen.get(0)).startsWith("2026-03-01T10:01:59");

        assertThat(adminApi.apply(fixtures.request("GET /audit-logs", fixtures.user(org, Role.OPERATOR))).getStatusCode()).isEqualTo(403);
        assertThat(adminApi.apply(fixtures.request("GET /audit-logs", admin, Map.of(), Map.of("userId", "alice"), null)).getStatusCode()).isEqualTo(400);
    }

    @Test
    void warningsAndErrorsOfAFunctionReachSystemLogsForTheirOrganizationsAdmins() {
        String marker = UUID.randomUUID().toString();
        MDC.put("organizationId", org.toString());
        try {
            log.info("info lines stay out {}", marker);
            log.warn("camera offline {}", marker);
            log.error("flush failed {}", marker, new IllegalStateException("disk full"));
        } finally {
            MDC.remove("organizationId");
        }
        log.error("a platform line {}", marker); // no organization: no ADMIN sees it
        systemLogging.appender().flush(5000);

        // another context in this JVM may hold the root logger's system_logs appender: wait for its writer
        List<JsonNode> lines = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            lines.clear();
            json.readTree(adminApi.apply(fixtures.request("GET /system-logs", admin)).getBody()).get("systemLogs").values()
                    .forEach(lines::add);
            assertThat(lines).extracting(l -> l.get("level").asString() + " " + l.get("message").asString())
                    .containsExactly("ERROR flush failed " + marker, "WARN camera offline " + marker);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM system_logs WHERE message = ? AND organization_id IS NULL",
                    Integer.class, "a platform line " + marker)).isEqualTo(1);
        });
        JsonNode error = lines.get(0);
        assertThat(error.get("serviceName").asString()).isNotBlank();
        assertThat(error.get("metadata").get("exception").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("metadata").get("exceptionMessage").asString()).isEqualTo("disk full");
        assertThat(error.get("metadata").get("logger").asString()).isEqualTo(AuditAndSystemLogsTest.class.getName());
        assertThat(json.readTree(adminApi.apply(fixtures.request("GET /system-logs", admin, Map.of(), Map.of("level", "WARN"), null)).getBody())
                .get("systemLogs")).hasSize(1);
    }

    @Test
    @Timeout(60) // a hang guard only: the assertion is that append returns at all while the database blocks
    void theAppenderNeverBlocksNorFailsTheCallerWhenItsDatabaseHangsOrFails() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        SystemLogAppender hanging = new SystemLogAppender("test", batch -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        SystemLogAppender failing = new SystemLogAppender("test", batch -> {
            throw new IllegalStateException("database gone");
        });
        var context = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
        hanging.setContext(context);
        failing.setContext(context);
        hanging.start();
        failing.start();
        var logger = context.getLogger("appender-test");
        for (int i = 0; i < 20_000; i++) {
            var event = new ch.qos.logback.classic.spi.LoggingEvent("x", logger, ch.qos.logback.classic.Level.WARN, "line " + i, null, null);
            hanging.doAppend(event);
            failing.doAppend(event);
        }
        assertThat(hanging.dropped()).isPositive(); // a full queue drops instead of waiting
        failing.flush(5000);
        assertThat(failing.failedWrites()).isPositive();
        never.countDown();
        hanging.stop();
        failing.stop();
    }

    @Test
    void aWriteThatThrowsAnErrorDoesNotKillTheWriterNorStallLaterFlushes() throws Exception {
        // pgjdbc under -ea threw an AssertionError from executeBatch while Postgres restarted (the fault suite):
        // it killed the writer, and every later invocation's flush then waited its whole 3 s
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        SystemLogAppender appender = new SystemLogAppender("test", batch -> {
            if (first.getAndSet(false)) {
                throw new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
            }
            batch.forEach(line -> written.add(line.message()));
        });
        var context = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.start();
        var logger = context.getLogger("appender-test");
        appender.doAppend(new ch.qos.logback.classic.spi.LoggingEvent("x", logger, ch.qos.logback.classic.Level.WARN, "lost", null, null));
        appender.flush(5000);
        appender.doAppend(new ch.qos.logback.classic.spi.LoggingEvent("x", logger, ch.qos.logback.classic.Level.WARN, "kept", null, null));

        appender.flush(5000);

        assertThat(written).as("the writer survived the Error and wrote the next line").containsExactly("kept");
        assertThat(appender.failedWrites()).isEqualTo(1);
        appender.stop();
    }

    @Test
    void retentionDeletesOnlyExpiredRows() {
        String marker = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO audit_logs (organization_id, action, entity_id, created_at) VALUES (?, 'OLD', ?, NOW() - INTERVAL '400 days'), (?, 'NEW', ?, NOW() - INTERVAL '10 days')",
                org, marker, org, marker);
        jdbc.update("INSERT INTO system_logs (log_level, service_name, message, created_at) VALUES ('WARN', 't', ?, NOW() - INTERVAL '31 days'), ('WARN', 't', ?, NOW())",
                marker, marker);

        Map<String, Long> deleted = purge.apply(null);

        assertThat(deleted.get("audit_logs")).isPositive();
        assertThat(jdbc.queryForList("SELECT action FROM audit_logs WHERE entity_id = ?", String.class, marker)).containsExactly("NEW");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_logs WHERE message = ?", Integer.class, marker)).isEqualTo(1);
    }

    private List<JsonNode> rows(Map<String, String> query) {
        var response = adminApi.apply(fixtures.request("GET /audit-logs", admin, Map.of(), query, null));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        json.readTree(response.getBody()).get("auditLogs").values().forEach(rows::add);
        return rows;
    }

    private SQSEvent sqs(List<AuditRecord> records) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("a" + i);
            m.setBody(json.writeValueAsString(records.get(i)));
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
