package io.rollcall.bench.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.icegreen.greenmail.util.GreenMail;
import io.rollcall.bench.BenchReport;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.events.EventRepository;
import io.rollcall.events.EventType;
import io.rollcall.events.RaisedEvent;
import io.rollcall.events.Severity;
import io.rollcall.functions.RollCallFunctions;
import io.rollcall.functions.events.DispatchNotificationFunction;
import io.rollcall.notifications.DispatchNotification;
import io.rollcall.notifications.EmailSender;
import io.rollcall.notifications.NotificationRepository;
import io.rollcall.notifications.SmsGateway;
import io.rollcall.testing.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * dispatchNotification: e-mails per second against a local SMTP server (GreenMail), every event one e-mail plus one
 * dashboard row, in SQS batches of 10. The baseline is the path before 2026-12-01, kept runnable: one SMTP
 * connection per e-mail, the events of a batch one after another. Then the pooled connections alone, then what
 * the function does (pooled, four events at a time). Each pass checks every e-mail arrived exactly once.
 */
public final class NotificationBenchmark {

    static final int EVENTS = 1000;

    public static void main(String[] args) throws Exception {
        TestEnvironment env = TestEnvironment.install();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RollCallFunctions.class).run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            JsonMapper json = ctx.getBean(JsonMapper.class);
            UUID org = organization(jdbc, ctx.getBean(ConfigStore.class), json);
            String smtpPort = System.getProperty("SMTP_PORT");
            EmailSender unpooled = new EmailSender("127.0.0.1", Integer.parseInt(smtpPort), "rollcall@localhost", "", "", false, 0);
            DispatchNotification oneConnectionEach = new DispatchNotification(ctx.getBean(EventRepository.class),
                    ctx.getBean(NotificationRepository.class), ctx.getBean(ConfigStore.class),
                    ctx.getBean(OrganizationSettingsService.class), unpooled, ctx.getBean(SmsGateway.class));
            DispatchNotification pooled = ctx.getBean(DispatchNotification.class);
            DispatchNotificationFunction function = ctx.getBean(DispatchNotificationFunction.class);

            Consumer<SQSEvent> baseline = batch -> sequential(oneConnectionEach, batch, json);
            Consumer<SQSEvent> pooledSequential = batch -> sequential(pooled, batch, json);
            Consumer<SQSEvent> today = function::apply;
            // warm every path, then measure them in turn twice and keep each one's better run
            for (Consumer<SQSEvent> path : List.of(baseline, pooledSequential, today)) {
                emailsPerSecond(env.smtp(), path, 50, org, json);
            }
            double[] base = new double[2];
            double[] pool = new double[2];
            double[] fn = new double[2];
            for (int round = 0; round < 2; round++) {
                base[round] = emailsPerSecond(env.smtp(), baseline, EVENTS, org, json);
                pool[round] = emailsPerSecond(env.smtp(), pooledSequential, EVENTS, org, json);
                fn[round] = emailsPerSecond(env.smtp(), today, EVENTS, org, json);
            }
            double b = Math.max(base[0], base[1]);
            double p = Math.max(pool[0], pool[1]);
            double f = Math.max(fn[0], fn[1]);
            BenchReport.write("notifications", """
                    ## Notifications (dispatchNotification)

                    %,d UNKNOWN_FACE events in SQS batches of 10, each stored and sent as one e-mail (GreenMail SMTP on
                    localhost) plus one dashboard row; every e-mail checked to arrive exactly once. Two rounds, the
                    paths interleaved, the better round of each kept.

                    | path | e-mails/s | vs baseline |
                    |---|---|---|
                    | baseline: one SMTP connection per e-mail, events one after another | %,.0f | 1.0x |
                    | pooled SMTP connections, events one after another | %,.0f | %.1fx |
                    | pooled, four events of a batch at a time (what dispatchNotification does) | %,.0f | %.1fx |

                    The baseline pays a TCP connect, the greeting, EHLO and QUIT per e-mail; a real server adds STARTTLS and
                    AUTH, so the pool gains more there. The rest of an event's cost is Postgres: storing the event, one row
                    per delivery, the claim and the SENT mark.
                    """.formatted(EVENTS, b, p, p / b, f, f / b));
            unpooled.close();
        }
        System.exit(0);
    }

    /** The dispatch loop as the function ran it before: one event after another. */
    private static void sequential(DispatchNotification dispatcher, SQSEvent batch, JsonMapper json) {
        for (SQSEvent.SQSMessage m : batch.getRecords()) {
            if (!(dispatcher.dispatch(json.readValue(m.getBody(), RaisedEvent.class)) instanceof DispatchNotification.Outcome.Done)) {
                throw new IllegalStateException("a delivery failed: " + m.getBody());
            }
        }
    }

    private static double emailsPerSecond(GreenMail smtp, Consumer<SQSEvent> path, int events, UUID org, JsonMapper json)
            throws Exception {
        List<SQSEvent> batches = new ArrayList<>();
        for (int b = 0; b < events / 10; b++) {
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId("m" + i);
                m.setReceiptHandle("rh" + i);
                m.setBody(json.writeValueAsString(new RaisedEvent(UUID.randomUUID(), org, EventType.UNKNOWN_FACE,
                        Severity.WARNING, UUID.randomUUID(), Map.of("camera", "gate-1"), Instant.now())));
                messages.add(m);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(messages);
            batches.add(event);
        }
        smtp.purgeEmailFromAllMailboxes();
        long start = System.nanoTime();
        batches.forEach(path);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!smtp.waitForIncomingEmail(30_000, events)) {
            throw new IllegalStateException("only " + smtp.getReceivedMessages().length + " of " + events + " e-mails arrived");
        }
        long distinct = java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct().count();
        if (distinct != events || smtp.getReceivedMessages().length != events) {
            throw new IllegalStateException(smtp.getReceivedMessages().length + " e-mails, " + distinct + " distinct, for " + events);
        }
        return events / seconds;
    }

    private static UUID organization(JdbcTemplate jdbc, ConfigStore config, JsonMapper json) {
        UUID org = UUID.randomUUID();
        jdbc.update("INSERT INTO organizations (id, name, legal_name, code) VALUES (?, 'Bench', 'Bench', ?)", org, "n-" + org);
        jdbc.update("INSERT INTO users (organization_id, username, password_hash, role_id) VALUES (?, ?, 'x', 2)", org, "op-" + org);
        config.updateOrganization(org, Map.of(ConfigKeys.NOTIFICATION_ROUTES.name(), json.readTree(
                "{\"*\": {\"channels\": [\"EMAIL\", \"DASHBOARD\"], \"emails\": [\"ops@example.com\"]}}")));
        return org;
    }
}
