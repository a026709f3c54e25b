package io.rollcall.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.events.RaisedEvent;
import io.rollcall.functions.admin.AdminApiFunction;
import io.rollcall.functions.admin.OrganizationTest;
import io.rollcall.identity.Role;
import io.rollcall.functions.DeadLetterQueue;
import io.rollcall.platform.DeadLetters;
import io.rollcall.events.EventType;
import io.rollcall.events.Severity;
import io.rollcall.testing.SmsProvider;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** dispatchNotification against a real SMTP server (GreenMail), a local SMS provider, Postgres and the SQS emulator. */
class DispatchNotificationFunctionTest extends OrganizationTest {

    static final GreenMail smtp = env.smtp();
    static final SmsProvider sms = env.sms();

    @Autowired DispatchNotificationFunction dispatch;
    @Autowired AdminApiFunction adminApi;
    @Autowired ConfigStore config;
    @Autowired JsonMapper json;

    @BeforeEach
    void organizationWithRoutes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        sms.reset();
        fixtures.user(org, Role.USER); // not a dashboard reader
        config.updateApplication(Map.of(ConfigKeys.NOTIFICATION_BACKOFF_SECONDS.name(), json.valueToTree(0),
                ConfigKeys.NOTIFICATION_MAX_ATTEMPTS.name(), json.valueToTree(3)));
        config.updateOrganization(org, Map.of(ConfigKeys.TIME_ZONE.name(), json.valueToTree("Asia/Kolkata"),
                ConfigKeys.NOTIFICATION_ROUTES.name(), json.readTree("""
                        {"UNKNOWN_FACE": {"channels": ["EMAIL", "SMS", "DASHBOARD"], "emails": ["guard@example.com"], "phones": ["+14155550100"]},
                         "*": {"channels": ["DASHBOARD"]}}""")));
    }

    @Test
    void anEventIsStoredOnceAndDeliveredOnEveryChannelEvenWhenRedelivered() throws Exception {
        RaisedEvent event = unknownFace();
        SQSEvent message = sqs(Map.of("m1", json.writeValueAsString(event)));

        assertThat(dispatch.apply(message).getBatchItemFailures()).isEmpty();
        assertThat(dispatch.apply(message).getBatchItemFailures()).isEmpty(); // SQS delivers at least once

        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("guard@example.com");
        assertThat(mails[0].getSubject()).isEqualTo("[RollCall] WARNING: unknown face");
        String text = GreenMailUtil.getBody(mails[0]);
        assertThat(text).contains("UNKNOWN_FACE (WARNING) at 2026-02-10 14:30:00 IST", "camera: gate-1", event.eventId().toString());

        assertThat(sms.received).hasSize(1);
        assertThat(sms.received.get(0).authorization()).isEqualTo("Bearer test-sms-token");
        // each delivery's id names it at the other end, so a resend after a crash is the same message, not a second
        UUID emailDelivery = jdbc.queryForObject("SELECT id FROM notifications WHERE event_id = ? AND channel = 'EMAIL'", UUID.class, event.eventId());
        UUID smsDelivery = jdbc.queryForObject("SELECT id FROM notifications WHERE event_id = ? AND channel = 'SMS'", UUID.class, event.eventId());
        assertThat(mails[0].getMessageID()).isEqualTo("<" + emailDelivery + "@rollcall>");
        assertThat(sms.received.get(0).idempotencyKey()).isEqualTo(smsDelivery.toString());
        JsonNode smsBody = json.readTree(sms.received.get(0).body());
        assertThat(smsBody.get("to").asString()).isEqualTo("+14155550100");
        assertThat(smsBody.get("message").asString()).startsWith("[RollCall] WARNING: unknown face").hasSizeLessThanOrEqualTo(160);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE id = ?", Integer.class, event.eventId())).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT channel || ':' || status || ':' || attempts AS d FROM notifications WHERE event_id = ? ORDER BY 1",
                String.class, event.eventId()))
                .containsExactly("DASHBOARD:SENT:0", "DASHBOARD:SENT:0", "EMAIL:SENT:1", "SMS:SENT:1");

        // the dashboard, per user: listed, then read
        JsonNode list = json.readTree(adminApi.apply(fixtures.request("GET /notifications", operator, Map.of(), Map.of("unread", "true"), null)).getBody());
        assertThat(list.get("notifications")).hasSize(1);
        JsonNode mine = list.get("notifications").get(0);
        assertThat(mine.get("eventId").asString()).isEqualTo(event.eventId().toString());
        assertThat(mine.get("type").asString()).isEqualTo("UNKNOWN_FACE");
        String id = mine.get("id").asString();
        assertThat(adminApi.apply(fixtures.request("POST /notifications/{id}/read", admin, Map.of("id", id), Map.of(), null)).getStatusCode())
                .as("another user's notification").isEqualTo(404);
        assertThat(adminApi.apply(fixtures.request("POST /notifications/{id}/read", operator, Map.of("id", id), Map.of(), null)).getStatusCode())
                .isEqualTo(204);
        JsonNode after = json.readTree(adminApi.apply(fixtures.request("GET /notifications", operator, Map.of(), Map.of("unread", "true"), null)).getBody());
        assertThat(after.get("notifications")).isEmpty();
    }

    @Test
    void aTransientFailureIsRetriedWithoutResendingWhatWasSent() throws Exception {
        RaisedEvent event = unknownFace();
        SQSEvent message = sqs(Map.of("m1", json.writeValueAsString(event)));
        sms.nextStatuses.add(503);

        SQSBatchResponse first = dispatch.apply(message);

        assertThat(first.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m1");
        Map<String, Object> pending = jdbc.queryForMap("SELECT status, attempts, last_error FROM notifications WHERE event_id = ? AND channel = 'SMS'", event.eventId());
        assertThat(pending.get("status")).isEqualTo("PENDING");
        assertThat(pending.get("attempts")).isEqualTo(1);
        assertThat((String) pending.get("last_error")).contains("503");

        assertThat(dispatch.apply(message).getBatchItemFailures()).isEmpty();

        assertThat(sms.received).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(jdbc.queryForMap("SELECT status, attempts FROM notifications WHERE event_id = ? AND channel = 'SMS'", event.eventId()))
                .containsEntry("status", "SENT").containsEntry("attempts", 2);
    }

    @Test
    void aPermanentlyFailingDeliveryIsFailedAndTheMessageDeadLetteredWithItsReason() throws Exception {
        RaisedEvent event = unknownFace();
        sms.nextStatuses.add(400); // the provider refuses the request: retrying cannot help

        SQSBatchResponse response = dispatch.apply(sqs(Map.of("m1", json.writeValueAsString(event))));

        assertThat(response.getBatchItemFailures()).isEmpty(); // finished with: it is in the dead-letter queue
        assertThat(jdbc.queryForMap("SELECT status, last_error FROM notifications WHERE event_id = ? AND channel = 'SMS'", event.eventId()))
                .containsEntry("status", "FAILED");
        Message dead = deadLetter(event.eventId().toString());
        assertThat(dead.messageAttributes().get(DeadLetters.REASON_ATTRIBUTE).stringValue())
                .contains("SMS to +14155550100", "400");
        assertThat(smtp.getReceivedMessages()).hasSize(1); // the other channel still went out
    }

    @Test
    void aDeliveryHeldByASenderThatCrashedIsNeitherLostNorLeftBehind() throws Exception {
        RaisedEvent event = unknownFace();
        SQSEvent message = sqs(Map.of("m1", json.writeValueAsString(event)));
        sms.nextStatuses.add(503);
        assertThat(dispatch.apply(message).getBatchItemFailures()).hasSize(1);
        // another delivery of the message claimed the SMS and its sender died before recording anything
        jdbc.update("UPDATE notifications SET claimed_at = now() WHERE event_id = ? AND channel = 'SMS'", event.eventId());

        assertThat(dispatch.apply(message).getBatchItemFailures()).as("kept on the queue while the claim lives")
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m1");
        assertThat(sms.received).isEmpty();

        jdbc.update("UPDATE notifications SET claimed_at = now() - interval '2 minutes' WHERE event_id = ? AND channel = 'SMS'", event.eventId());
        assertThat(dispatch.apply(message).getBatchItemFailures()).as("the expired claim is taken over").isEmpty();
        assertThat(sms.received).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT status FROM notifications WHERE event_id = ? AND channel = 'SMS'", String.class, event.eventId()))
                .isEqualTo("SENT");
    }

    @Test
    void aDeliveryThatFailedForGoodDoesNotStopTheOnesThatMayStillPass() throws Exception {
        config.updateOrganization(org, Map.of(ConfigKeys.NOTIFICATION_ROUTES.name(), json.readTree("""
                {"UNKNOWN_FACE": {"channels": ["SMS"], "phones": ["+14155550100", "+14155550101"]}}""")));
        RaisedEvent event = unknownFace();
        SQSEvent message = sqs(Map.of("m1", json.writeValueAsString(event)));
        sms.nextStatuses.addAll(List.of(400, 503)); // one refused for good, one provider hiccup

        assertThat(dispatch.apply(message).getBatchItemFailures()).as("retried, not dead-lettered").hasSize(1);
        assertThat(jdbc.queryForList("SELECT status FROM notifications WHERE event_id = ? AND channel = 'SMS' ORDER BY status",
                String.class, event.eventId())).containsExactly("FAILED", "PENDING");

        assertThat(dispatch.apply(message).getBatchItemFailures()).isEmpty();
        assertThat(sms.received).hasSize(1);
        assertThat(jdbc.queryForList("SELECT status FROM notifications WHERE event_id = ? AND channel = 'SMS' ORDER BY status",
                String.class, event.eventId())).containsExactly("FAILED", "SENT");
        assertThat(deadLetter(event.eventId().toString()).messageAttributes().get(DeadLetters.REASON_ATTRIBUTE).stringValue())
                .as("then dead-lettered for the one that failed for good").contains("400");
    }

    @Test
    void retriesStopAtTheMaximumAttempts() throws Exception {
        RaisedEvent event = unknownFace();
        SQSEvent message = sqs(Map.of("m1", json.writeValueAsString(event)));
        sms.nextStatuses.addAll(List.of(500, 500, 500, 500));

        assertThat(dispatch.apply(message).getBatchItemFailures()).hasSize(1);
        assertThat(dispatch.apply(message).getBatchItemFailures()).hasSize(1);
        assertThat(dispatch.apply(message).getBatchItemFailures()).isEmpty(); // third attempt: FAILED, dead-lettered

        assertThat(jdbc.queryForMap("SELECT status, attempts FROM notifications WHERE event_id = ? AND channel = 'SMS'", event.eventId()))
                .containsEntry("status", "FAILED").containsEntry("attempts", 3);
        assertThat(deadLetter(event.eventId().toString()).messageAttributes().get(DeadLetters.REASON_ATTRIBUTE).stringValue())
                .contains("attempt 3");
        assertThat(sms.received).isEmpty();
    }

    @Test
    void aBatchDeliveredToTwoConsumersAtOnceSendsEachDeliveryExactlyOnce() throws Exception {
        Map<String, String> bodies = new java.util.HashMap<>();
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RaisedEvent event = unknownFace();
            events.add(event.eventId());
            bodies.put("m" + i, json.writeValueAsString(event));
        }
        SQSEvent batch = sqs(bodies);
        java.util.concurrent.ExecutorService consumers = java.util.concurrent.Executors.newFixedThreadPool(2);
        var first = consumers.submit(() -> dispatch.apply(batch));
        var second = consumers.submit(() -> dispatch.apply(batch));
        List<String> retried = new ArrayList<>();
        first.get().getBatchItemFailures().forEach(f -> retried.add(f.getItemIdentifier()));
        second.get().getBatchItemFailures().forEach(f -> retried.add(f.getItemIdentifier()));
        consumers.shutdown();
        // a message whose deliveries the other consumer held comes back; its redelivery finds them all SENT
        if (!retried.isEmpty()) {
            assertThat(dispatch.apply(batch).getBatchItemFailures()).isEmpty();
        }

        assertThat(smtp.waitForIncomingEmail(5000, 10)).isTrue();
        List<String> messageIds = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            messageIds.add(mail.getMessageID());
        }
        assertThat(messageIds).hasSize(10).doesNotHaveDuplicates();
        assertThat(sms.received).hasSize(10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notifications WHERE event_id = ANY(?) AND status = 'SENT' AND attempts = 1"
                + " AND channel IN ('EMAIL', 'SMS')", Integer.class, (Object) events.toArray(UUID[]::new))).isEqualTo(20);
    }

    @Test
    void aMalformedMessageIsDeadLetteredWithItsReasonAndStoresNothing() {
        String marker = UUID.randomUUID().toString();
        String noType = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"organizationId\":\"" + org + "\",\"severity\":\"LOUD\",\"metadata\":{\"m\":\"" + marker + "\"}}";
        String notJson = "{oops " + marker;
        String noTypeAtAll = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"organizationId\":\"" + org + "\",\"severity\":\"INFO\",\"metadata\":{\"m\":\"" + marker + "\"}}";

        SQSBatchResponse response = dispatch.apply(sqs(Map.of("bad1", noType, "bad2", notJson, "bad3", noTypeAtAll)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<Message> dead = deadLetters(marker, 3);
        assertThat(dead).extracting(m -> m.messageAttributes().get(DeadLetters.REASON_ATTRIBUTE).stringValue())
                .anySatisfy(r -> assertThat(r).contains("message bad1", "Severity", "LOUD"))
                .anySatisfy(r -> assertThat(r).contains("message bad2", "not a valid RaisedEvent JSON"))
                .anySatisfy(r -> assertThat(r).contains("message bad3", "type is required"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE metadata->>'m' = ?", Integer.class, marker)).isZero();
    }

    @Test
    void anEventOfAnOrganizationThatDoesNotExistIsDeadLetteredAtOnceWithItsReason() throws Exception {
        UUID nowhere = UUID.randomUUID();
        RaisedEvent event = new RaisedEvent(UUID.randomUUID(), nowhere, EventType.UNKNOWN_FACE, Severity.WARNING, null,
                Map.of(), Instant.parse("2026-02-10T09:00:00Z"));

        SQSBatchResponse response = dispatch.apply(sqs(Map.of("m1", json.writeValueAsString(event))));

        assertThat(response.getBatchItemFailures()).as("not retried: no redelivery makes the organization exist").isEmpty();
        assertThat(deadLetter(event.eventId().toString()).messageAttributes().get(DeadLetters.REASON_ATTRIBUTE).stringValue())
                .contains("organization " + nowhere + " does not exist");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE id = ?", Integer.class, event.eventId())).isZero();
    }

    /**
     * Found by the fault suite: Postgres restarting between the provider's acceptance and the UPDATE to SENT left the
     * row claimed and PENDING, so once the claim expired the mail went out a second time. The database here fails
     * that one UPDATE as a restart does (SQLSTATE 57P01, admin_shutdown); the sender must still record the send.
     */
    @Test
    void aSendTheProviderAcceptedIsRecordedThoughTheDatabaseFailsAtThatMoment() throws Exception {
        RaisedEvent event = unknownFace();
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS fault_mark_sent");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION fault_mark_sent() RETURNS trigger AS $$
                BEGIN
                  IF NEW.status = 'SENT' AND NEW.channel = 'EMAIL' AND NEW.event_id = '%s' AND nextval('fault_mark_sent') = 1 THEN
                    RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = 'admin_shutdown';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""".formatted(event.eventId()));
        jdbc.execute("CREATE TRIGGER fault_mark_sent BEFORE UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION fault_mark_sent()");
        try {
            SQSBatchResponse response = dispatch.apply(sqs(Map.of("m1", json.writeValueAsString(event))));

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(jdbc.queryForObject("SELECT nextval('fault_mark_sent')", Long.class)).as("the fault fired").isGreaterThan(1);
            assertThat(jdbc.queryForList("SELECT status FROM notifications WHERE event_id = ? AND channel IN ('EMAIL', 'SMS')",
                    String.class, event.eventId())).containsExactly("SENT", "SENT");
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        } finally {
            jdbc.execute("DROP TRIGGER fault_mark_sent ON notifications");
            jdbc.execute("DROP FUNCTION fault_mark_sent()");
            jdbc.execute("DROP SEQUENCE fault_mark_sent");
        }
    }

    private RaisedEvent unknownFace() {
        return new RaisedEvent(UUID.randomUUID(), org, EventType.UNKNOWN_FACE, Severity.WARNING, UUID.randomUUID(),
                Map.of("camera", "gate-1"), Instant.parse("2026-02-10T09:00:00Z"));
    }

    private Message deadLetter(String containing) {
        return deadLetters(containing, 1).get(0);
    }

    private List<Message> deadLetters(String containing, int count) {
        return DeadLetterQueue.take("events", count, containing);
    }

    static SQSEvent sqs(Map<String, String> bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        new java.util.TreeMap<>(bodies).forEach((id, body) -> {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(id);
            m.setReceiptHandle("rh-" + id);
            m.setBody(body);
            records.add(m);
        });
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
