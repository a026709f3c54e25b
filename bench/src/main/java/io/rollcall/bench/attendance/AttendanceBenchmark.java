package io.rollcall.bench.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.attendance.FlushDailyAttendance;
import io.rollcall.attendance.DayEvent;
import io.rollcall.attendance.EventType;
import io.rollcall.attendance.AttendanceSource;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.attendance.Sighting;
import io.rollcall.attendance.TodayCache;
import io.rollcall.bench.BenchReport;
import io.rollcall.functions.RollCallFunctions;
import io.rollcall.functions.attendance.MarkAttendanceFunction;
import io.rollcall.testing.TestEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * markAttendance events/second (function level in batches of 10, and end to end through ElasticMQ), flush time
 * for 10k and 100k people's days, Redis memory per 10k active people. Real Postgres, Redis and queue.
 */
public final class AttendanceBenchmark {

    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    private AttendanceBenchmark(ConfigurableApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.json = context.getBean(JsonMapper.class);
    }

    public static void main(String[] args) throws Exception {
        TestEnvironment env = TestEnvironment.install();
        try (ConfigurableApplicationContext context = SpringApplication.run(RollCallFunctions.class)) {
            AttendanceBenchmark bench = new AttendanceBenchmark(context);
            StringBuilder md = new StringBuilder("## Attendance\n\n| measure | path | result |\n|---|---|---|\n");
            bench.markAttendance(md, env);
            bench.flush(md, 10_000);
            bench.flush(md, 100_000);
            bench.redisMemory(md, 10_000);
            md.append("""

                    Function level: SQS events of 10, 100 or 500 sightings (ENTRY/EXIT cameras, 500 people, repeat window 0, \
                    so each person's day grows to 80 events: the Redis merge of a day re-reads and rewrites all of it), \
                    one thread. The baseline marks each sighting alone (`mark`, a batch of one): its own Postgres transaction \
                    (person lock, duplicate check, the day's events, insert) and its own Lua merge in Redis, as before \
                    2026-12-01 - with today's queries (ANY/unnest), not the old ones; the old code's 593/s was measured \
                    on a quieter machine, so the two figures are not comparable. \
                    Today `MarkAttendanceFunction.apply` takes the batch in one transaction per organization: people, \
                    cameras, known ids and the events the decisions can see (per person-day, the last one before the \
                    batch's first sighting and those up to its last: one index probe each) read in one query each, every person locked in one \
                    statement, the rows written in one JDBC batch, one Redis pipeline after the commit. End to end: \
                    two senders putting the sightings on ElasticMQ (batches of 10, as recognizeFrame instances do) while one or four \
                    pollers each receive up to the batch size (10 a call), invoke and delete what succeeded, as the local \
                    runtime's SqsEventSource and Lambda's event source mapping (MaximumConcurrency batches at once) do; \
                    timed from the first send to the last delete (before 2026-12-02 everything was sent before the first \
                    poll, which added the two phases instead of running them as a fed queue does). A shift change: the issue's \
                    scenario, 20,000 people of one organization seen once each at an ENTRY camera (the baseline on 5,000 \
                    of them). Flush: one organization's day with 2 events per person, logs inserted \
                    directly, then ANALYZE; one transaction creates the records, links the logs and recomputes each record from its \
                    linked logs (before 2026-12-01 one statement; the split gave one writer per table). \
                    Redis memory: `MEMORY USAGE` summed \
                    over the keys of 10k people with an IN and an OUT each.
                    """);
            BenchReport.write("attendance", md.toString());
        }
        System.exit(0);
    }

    /** How a batch is marked: today's one transaction per batch, or the baseline's one per sighting. */
    private interface Marker {
        int mark(SQSEvent batch);   // returns how many failed
    }

    /** The baseline: one sighting per call, so one transaction per sighting, as the function did before 2026-12-01. */
    private Marker perSighting() {
        MarkAttendance mark = context.getBean(MarkAttendance.class);
        return batch -> {
            int failed = 0;
            for (SQSEvent.SQSMessage m : batch.getRecords()) {
                if (mark.mark(json.readValue(m.getBody(), Sighting.class)) instanceof MarkAttendance.Outcome.Rejected) {
                    failed++;
                }
            }
            return failed;
        };
    }

    private Marker function() {
        MarkAttendanceFunction function = context.getBean(MarkAttendanceFunction.class);
        return batch -> function.apply(batch).getBatchItemFailures().size();
    }

    /** Events/s of the marker on pre-built SQS events of {@code batchSize} sightings, one thread. */
    private long functionLevel(Marker marker, int events, int batchSize) {
        return functionLevel(marker, events, batchSize, 500);
    }

    private long functionLevel(Marker marker, int events, int batchSize, int people) {
        Org org = org(people);
        List<SQSEvent> batches = batches(org, events, batchSize);
        marker.mark(batches.get(0));   // warm-up
        long start = System.nanoTime();
        int failed = 0;
        for (SQSEvent batch : batches.subList(1, batches.size())) {
            failed += marker.mark(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(failed == 0, failed + " sightings failed");
        return Math.round((events - batchSize) / seconds);
    }

    /** Senders feeding the queue at once, as several recognizeFrame instances do (one thread alone sent ~2,000/s). */
    private static final int SENDERS = 2;

    /** Events/s through ElasticMQ, and how fast the senders put them on the queue meanwhile. */
    private record Throughput(long endToEnd, long sent) {
    }

    /**
     * Events/s through ElasticMQ: {@link #SENDERS} senders put the sightings on the queue in batches of 10 (as recognizeFrame
     * instances do) while {@code pollers} pollers do what the local runtime's SqsEventSource (and Lambda's event source
     * mapping, MaximumConcurrency batches at once) does - receive up to {@code batchSize} (10 per call), mark,
     * delete - from the first send to the last delete. Until 2026-12-02 every sighting was sent before the first
     * poll, so the figure was the sum of the two phases rather than the rate of a queue that producers feed.
     */
    private Throughput endToEnd(TestEnvironment env, Marker marker, int events, int batchSize, int pollers) throws Exception {
        return endToEnd(env, marker, events, batchSize, pollers, 500);
    }

    private Throughput endToEnd(TestEnvironment env, Marker marker, int events, int batchSize, int pollers, int people)
            throws Exception {
        Org org = org(people);
        String queue = env.queueUrl("attendance");
        List<SQSEvent> toSend = batches(org, events, 10);
        try (SqsClient sqs = env.sqs()) {
            sqs.purgeQueue(r -> r.queueUrl(queue));
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(pollers + SENDERS);
            try {
                long start = System.nanoTime();
                List<java.util.concurrent.Future<Long>> senders = new ArrayList<>();
                for (int first = 0; first < SENDERS; first++) {
                    int from = first;
                    senders.add(pool.submit(() -> {
                        for (int b = from; b < toSend.size(); b += SENDERS) {
                            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                            for (SQSEvent.SQSMessage m : toSend.get(b).getRecords()) {
                                entries.add(SendMessageBatchRequestEntry.builder().id(m.getMessageId()).messageBody(m.getBody()).build());
                            }
                            sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
                        }
                        return System.nanoTime();
                    }));
                }
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (int p = 0; p < pollers; p++) {
                    running.add(pool.submit(() -> poll(sqs, queue, marker, batchSize, events, done)));
                }
                for (java.util.concurrent.Future<?> f : running) {
                    f.get();
                }
                long end = System.nanoTime();
                long sent = 0;
                for (java.util.concurrent.Future<Long> sender : senders) {
                    sent = Math.max(sent, sender.get());
                }
                return new Throughput(Math.round(events / ((end - start) / 1e9)), Math.round(events / ((sent - start) / 1e9)));
            } finally {
                pool.shutdown();
            }
        }
    }

    /** One poller: receive up to the batch size, mark, delete, until every event is done. */
    private void poll(SqsClient sqs, String queue, Marker marker, int batchSize, int events,
                      java.util.concurrent.atomic.AtomicInteger done) {
        while (done.get() < events) {
            List<Message> messages = new ArrayList<>();
            while (messages.size() < batchSize) {
                int want = Math.min(10, batchSize - messages.size());
                List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(want)
                        .waitTimeSeconds(messages.isEmpty() ? 1 : 0)).messages();
                messages.addAll(received);
                if (received.size() < want) {
                    break;
                }
            }
            if (messages.isEmpty()) {
                continue;
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(messages.stream().map(m -> {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId(m.messageId());
                message.setBody(m.body());
                return message;
            }).toList());
            int failed = marker.mark(event);
            check(failed == 0, failed + " sightings failed");
            for (int i = 0; i < messages.size(); i += 10) {
                List<Message> chunk = messages.subList(i, Math.min(messages.size(), i + 10));
                sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(chunk.stream().map(m ->
                        DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                        .toList()));
            }
            done.addAndGet(messages.size());
        }
    }

    private void markAttendance(StringBuilder md, TestEnvironment env) throws Exception {
        Marker baseline = perSighting();
        Marker batched = function();
        // interleaved, so both see the same machine
        long base10 = functionLevel(baseline, 3000, 10);
        long fn10 = functionLevel(batched, 3000, 10);
        long fn100 = functionLevel(batched, 20_000, 100);
        long fn500 = functionLevel(batched, 40_000, 500);
        long e2eBase = endToEnd(env, baseline, 3000, 10, 1).endToEnd();
        long e2e10 = endToEnd(env, batched, 3000, 10, 1).endToEnd();
        long e2e100 = endToEnd(env, batched, 20_000, 100, 1).endToEnd();
        Throughput e2e500 = endToEnd(env, batched, 40_000, 500, 4);
        md.append("| markAttendance, function level | baseline: one transaction a sighting, batches of 10 | ")
                .append(base10).append(" events/s |\n");
        md.append("| | one transaction a batch, batches of 10 | ").append(fn10)
                .append(String.format(" events/s (%.1fx) |%n", fn10 / (double) base10));
        md.append("| | one transaction a batch, batches of 100 | ").append(fn100)
                .append(String.format(" events/s (%.1fx) |%n", fn100 / (double) base10));
        md.append("| | one transaction a batch, batches of 500 (the template's BatchSize) | ").append(fn500)
                .append(String.format(" events/s (%.1fx) |%n", fn500 / (double) base10));
        // the shift change: 20,000 people seen once each (above, 500 people seen 80 times: days grow long)
        long shiftBase = functionLevel(baseline, 5_000, 10, 20_000);
        long shift500 = functionLevel(batched, 20_000, 500, 20_000);
        Throughput shiftE2e = endToEnd(env, batched, 20_000, 500, 4, 20_000);
        md.append("| markAttendance, a shift change: 20,000 people seen once each, function level | baseline: one transaction a sighting, batches of 10 | ")
                .append(shiftBase).append(" events/s |\n");
        md.append("| | one transaction a batch, batches of 500 | ").append(shift500)
                .append(String.format(" events/s (%.1fx) |%n", shift500 / (double) shiftBase));
        md.append("| | end to end, up to 500, four pollers | ").append(shiftE2e.endToEnd())
                .append(String.format(" events/s (the senders: %d/s) |%n", shiftE2e.sent()));
        md.append("| markAttendance, end to end through ElasticMQ (send, receive, mark, delete) | baseline: one transaction a sighting, receive 10, one poller | ")
                .append(e2eBase).append(" events/s |\n");
        md.append("| | one transaction a batch, receive 10, one poller | ").append(e2e10)
                .append(String.format(" events/s (%.1fx) |%n", e2e10 / (double) e2eBase));
        md.append("| | one transaction a batch, receive up to 100 (10 a call), one poller | ").append(e2e100)
                .append(String.format(" events/s (%.1fx) |%n", e2e100 / (double) e2eBase));
        md.append("| | up to 500, four pollers (the template's BatchSize and MaximumConcurrency) | ").append(e2e500.endToEnd())
                .append(String.format(" events/s (%.1fx; the senders put %d/s on the queue meanwhile) |%n",
                        e2e500.endToEnd() / (double) e2eBase, e2e500.sent()));
    }

    private void flush(StringBuilder md, int people) {
        Org org = org(people);
        LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        jdbc.update("""
                INSERT INTO attendance_logs (organization_id, user_id, attendance_date, event_type, event_time, confidence)
                SELECT ?, u.id, ?, t.type, ?::date + t.at + (random() * interval '30 minutes'), 90
                FROM users u, (VALUES ('IN', interval '9 hours'), ('OUT', interval '17 hours')) AS t(type, at)
                WHERE u.organization_id = ?""", org.id, date, date, org.id);
        // a bulk insert just happened: give the planner the statistics autovacuum would have by the night
        jdbc.execute("ANALYZE attendance_logs");
        jdbc.execute("ANALYZE attendance_records");
        FlushDailyAttendance flush = context.getBean(FlushDailyAttendance.class);
        long start = System.nanoTime();
        FlushDailyAttendance.FlushedDay day = flush.flushDay(org.id, date);
        double seconds = (System.nanoTime() - start) / 1e9;
        check(day.records() == people, "flushed " + day.records() + " records, expected " + people);
        long again = System.nanoTime();
        flush.flushDay(org.id, date);
        double secondsAgain = (System.nanoTime() - again) / 1e9;
        md.append(String.format("| flush, %,d people's days (%,d logs) | | %.2f s (a re-run with nothing new: %.2f s) |%n",
                people, people * 2, seconds, secondsAgain));
    }

    private void redisMemory(StringBuilder md, int people) {
        TodayCache today = context.getBean(TodayCache.class);
        @SuppressWarnings("unchecked")
        StatefulRedisConnection<String, String> redis = context.getBean(StatefulRedisConnection.class);
        UUID org = UUID.randomUUID();
        LocalDate date = LocalDate.now(ZoneOffset.UTC);
        Instant nine = date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(9 * 3600);
        Map<UUID, List<DayEvent>> events = new java.util.LinkedHashMap<>();
        for (int i = 0; i < people; i++) {
            events.put(UUID.randomUUID(), List.of(new DayEvent(UUID.randomUUID(), EventType.IN, nine.plusSeconds(i)),
                    new DayEvent(UUID.randomUUID(), EventType.OUT, nine.plusSeconds(8 * 3600 + i))));
        }
        today.rebuild(org, date, events, java.time.Duration.ofHours(1));
        long bytes = 0;
        for (UUID user : events.keySet()) {
            bytes += redis.sync().memoryUsage(TodayCache.key(org, user));
        }
        md.append(String.format("| Redis memory, %,d active people (IN + OUT each) | | %.1f MiB (%d bytes a person) |%n",
                people, bytes / 1048576.0, bytes / people));
        today.forget(org, events.keySet(), date);
    }

    private List<SQSEvent> batches(Org org, int events, int batchSize) {
        List<SQSEvent> batches = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(3600);
        for (int b = 0; b < events / batchSize; b++) {
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                int n = b * batchSize + i;
                UUID user = org.users.get(n % org.users.size());
                UUID camera = (n / org.users.size()) % 2 == 0 ? org.entry : org.exit;
                Sighting s = new Sighting(UUID.randomUUID(), org.id, user, camera, start.plusMillis(n), 0.9, AttendanceSource.CAMERA);
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId("m" + n);
                m.setBody(json.writeValueAsString(s));
                messages.add(m);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(messages);
            batches.add(event);
        }
        return batches;
    }

    private record Org(UUID id, List<UUID> users, UUID entry, UUID exit) {
    }

    private Org org(int people) {
        UUID org = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Bench', 'Bench', ?)", org, "b-" + org);
        jdbc.update("INSERT INTO system_configs (organization_id, config_key, config_value) VALUES (?, 'attendance.repeat_window_minutes', '0')", org);
        jdbc.update("""
                INSERT INTO users (organization_id, username, password_hash, role_id)
                SELECT ?, ? || '-' || g, 'x', 3 FROM generate_series(1, ?) g""", org, org.toString(), people);
        jdbc.update("INSERT INTO user_profiles (user_id, full_name, department) SELECT id, username, 'Bench' FROM users WHERE organization_id = ?", org);
        List<UUID> users = jdbc.queryForList("SELECT id FROM users WHERE organization_id = ? ORDER BY username", UUID.class, org);
        UUID entry = UUID.randomUUID();
        UUID exit = UUID.randomUUID();
        jdbc.update("INSERT INTO cameras (id, organization_id, name, direction) VALUES (?, ?, 'in', 'ENTRY'), (?, ?, 'out', 'EXIT')",
                entry, org, exit, org);
        return new Org(org, users, entry, exit);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
