package io.rollcall.bench.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.audit.AuditLogRepository;
import io.rollcall.audit.AuditRecord;
import io.rollcall.bench.BenchReport;
import io.rollcall.config.ConfigCache;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.functions.RollCallFunctions;
import io.rollcall.functions.audit.RecordAuditFunction;
import io.rollcall.testing.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin feature's numbers: audit rows per second through recordAudit (COPY, and the JDBC batch it
 * replaced) and configuration read latency through Redis versus straight from Postgres (notifications:
 * NotificationBenchmark).
 */
public final class AdminBenchmark {

    static final int AUDIT_BATCH = 100;
    static final int AUDIT_BATCHES = 300;
    static final int CONFIG_READS = 5000;

    public static void main(String[] args) throws Exception {
        TestEnvironment.install();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RollCallFunctions.class).run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            JsonMapper json = ctx.getBean(JsonMapper.class);
            UUID org = organization(jdbc);
            StringBuilder md = new StringBuilder();
            md.append("Embedded emulators, local Postgres and Redis; one thread; warm-up run discarded.\n\n");
            md.append(audit(ctx, json, org));
            md.append(config(ctx, json, org));
            BenchReport.write("admin", md.toString());
        }
        System.exit(0);
    }

    static String audit(ConfigurableApplicationContext ctx, JsonMapper json, UUID org) {
        RecordAuditFunction recordAudit = ctx.getBean(RecordAuditFunction.class);
        AuditLogRepository repository = ctx.getBean(AuditLogRepository.class);
        // every pass writes records of its own (ids are written once: a repeated batch would measure the skip)
        List<SQSEvent> events = auditBatches(org, AUDIT_BATCHES, true).stream().map(b -> sqs(b, json)).toList();
        // alternate the two writers twice so neither gets all the JIT warm-up; the function end to end last
        rowsPerSecond(auditBatches(org, 50, true), repository::insertAll);
        rowsPerSecond(auditBatches(org, 50, true), repository::insertAllCopy);
        // baseline: the same writer with records without ids, as before the outbox (no duplicate check)
        double baseline = rowsPerSecond(auditBatches(org, AUDIT_BATCHES, false), repository::insertAll);
        double jdbcBatch = rowsPerSecond(auditBatches(org, AUDIT_BATCHES, true), repository::insertAll);
        double copy = rowsPerSecond(auditBatches(org, AUDIT_BATCHES, true), repository::insertAllCopy);
        double viaFunction = rowsPerSecond(events, recordAudit::apply);
        return """
                ### recordAudit

                %d batches of %d rows (the SQS batch size of RecordAuditFunction).

                | path | rows/s |
                |---|---|
                | baseline: the same batch with no record ids (no duplicate check, as before the outbox) | %,.0f |
                | JDBC batch, reWriteBatchedInserts, ON CONFLICT (record_id) DO NOTHING (`insertAll`, what recordAudit uses) | %,.0f (%.2fx the baseline) |
                | COPY into a temporary table, then INSERT ... SELECT ON CONFLICT (`insertAllCopy`) | %,.0f |
                | recordAudit end to end (JSON parse + validate + insert) | %,.0f |

                Every record has its id (the outbox gives each one, time-ordered like UUIDv7), so the unique index on
                `record_id` is paid.

                """.formatted(AUDIT_BATCHES, AUDIT_BATCH, baseline, jdbcBatch, jdbcBatch / baseline, copy, viaFunction);
    }

    static List<List<AuditRecord>> auditBatches(UUID org, int count, boolean withIds) {
        List<List<AuditRecord>> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<AuditRecord> batch = new ArrayList<>();
            for (int i = 0; i < AUDIT_BATCH; i++) {
                batch.add(new AuditRecord(org, UUID.randomUUID(), "USER_UPDATED", "USER", "u-" + i, "10.0.0." + (i % 250),
                        "Mozilla/5.0 (bench)", Instant.now(), withIds ? AuditRecord.newId() : null));
            }
            batches.add(batch);
        }
        return batches;
    }

    static <T> double rowsPerSecond(List<T> batches, Consumer<T> write) {
        write.accept(batches.get(0)); // warm-up
        long start = System.nanoTime();
        batches.forEach(write);
        return (double) batches.size() * AUDIT_BATCH / ((System.nanoTime() - start) / 1e9);
    }

    static String config(ConfigurableApplicationContext ctx, JsonMapper json, UUID org) {
        OrganizationSettingsService cached = ctx.getBean(OrganizationSettingsService.class);
        ConfigStore noRedis = new ConfigStore(ctx.getBean(JdbcClient.class), ctx.getBean(TransactionTemplate.class),
                new ConfigCache(() -> {
                    throw new IllegalStateException("no cache");
                }), json);
        OrganizationSettingsService uncached = new OrganizationSettingsService(noRedis);
        long[] hit = latencies(() -> cached.forOrganization(org));
        long[] miss = latencies(() -> uncached.forOrganization(org));
        return """
                ### Configuration reads (`OrganizationSettingsService.forOrganization`)

                %,d reads of one organization's settings.

                | path | p50 µs | p99 µs |
                |---|---|---|
                | Redis `config:system:{org}` (cached) | %d | %d |
                | Postgres `system_configs` (uncached) | %d | %d |
                """.formatted(CONFIG_READS, hit[0], hit[1], miss[0], miss[1]);
    }

    static long[] latencies(Runnable read) {
        for (int i = 0; i < 500; i++) {
            read.run();
        }
        long[] micros = new long[CONFIG_READS];
        for (int i = 0; i < CONFIG_READS; i++) {
            long start = System.nanoTime();
            read.run();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        return new long[] {micros[CONFIG_READS / 2], micros[CONFIG_READS * 99 / 100]};
    }

    static UUID organization(JdbcTemplate jdbc) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Bench', 'Bench Ltd', ?)", id, "bench-" + id);
        jdbc.update("INSERT INTO users (organization_id, username, password_hash, role_id) VALUES (?, ?, 'x', 1)", id, "bench-" + id);
        return id;
    }

    static SQSEvent sqs(List<AuditRecord> records, JsonMapper json) {
        return sqsBodies(records.stream().map(json::writeValueAsString).toList());
    }

    static SQSEvent sqsBodies(List<String> bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setReceiptHandle("rh" + i);
            m.setBody(bodies.get(i));
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
