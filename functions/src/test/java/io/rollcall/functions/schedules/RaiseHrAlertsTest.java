package io.rollcall.functions.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.attendance.AttendanceLog;
import io.rollcall.attendance.EventType;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.functions.FunctionTest;
import io.rollcall.functions.events.DispatchNotificationFunction;
import io.rollcall.schedules.RaiseHrAlerts;
import io.rollcall.schedules.ScheduleAssignments;
import io.rollcall.schedules.Schedules;
import io.rollcall.schedules.ShiftTypes;
import io.rollcall.schedules.WorkCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RaiseHrAlertsTest extends FunctionTest {

    @Autowired RaiseHrAlerts alerts;
    @Autowired RaiseHrAlertsFunction function;
    @Autowired DispatchNotificationFunction dispatch;
    @Autowired ConfigStore config;
    @Autowired JsonMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired AttendanceLog logs;
    @Autowired ShiftTypes types;
    @Autowired Schedules schedules;
    @Autowired ScheduleAssignments assignments;

    @Test
    void lateAbsentAndMissingOutAreRaisedOncePerPersonAndDayAndReachTheDashboard() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("Europe/Berlin"));
        UUID office = f.weekdaySchedule(types, schedules, "Office", HrFixture.nineToFive());
        f.assign(assignments, office, WorkCalendar.Scope.ORGANIZATION, null, null, LocalDate.of(2026, 1, 1), null);
        UUID admin = f.user("Ada", null, 1);
        UUID late = f.user("Lea", "Ops");
        UUID absent = f.user("Abe", "Ops");
        UUID onTime = f.user("Otto", "Ops");
        f.event(logs, late, EventType.IN, "2026-06-09T09:40");
        f.event(logs, onTime, EventType.IN, "2026-06-09T08:55");
        f.event(logs, onTime, EventType.IN, "2026-06-08T08:55"); // Monday: no OUT, MISSING_OUT by Tuesday
        f.event(logs, late, EventType.IN, "2026-06-08T09:00");
        f.event(logs, late, EventType.OUT, "2026-06-08T17:00");
        f.event(logs, absent, EventType.IN, "2026-06-08T09:00");
        f.event(logs, absent, EventType.OUT, "2026-06-08T17:00");
        Instant now = f.at("2026-06-09T10:30"); // Tuesday, an hour and a half into the shift

        assertThat(alerts.raise(f.org, now)).as("nothing is on until hr.alerts says so").isZero();
        config.updateOrganization(f.org, Map.of(ConfigKeys.HR_ALERTS.name(), json.valueToTree(List.of("LATE_ARRIVAL", "ABSENT", "MISSING_OUT"))));
        // Lea late, Abe and Ada absent, Ada absent on Monday too (yesterday is judged as well), Otto's Monday missing out
        assertThat(alerts.raise(f.org, now)).isEqualTo(5);
        assertThat(alerts.raise(f.org, now)).as("once per person and day").isZero();
        assertThat(alerts.raise(f.org, now.plusSeconds(3600))).isZero();
        assertThat(function.apply(new ScheduledEvent())).as("the schedule's run (by today's clock) visits the organization")
                .extracting(RaiseHrAlerts.Raised::organizationId).contains(f.org);

        List<JsonNode> raised = drainEvents(f.org).stream()
                .filter(e -> e.get("metadata").get("date").asString().startsWith("2026-06-")).toList();
        assertThat(raised).extracting(e -> e.get("type").asString() + " " + e.get("metadata").get("date").asString()
                        + " " + e.get("referenceId").asString())
                .containsExactlyInAnyOrder("LATE_ARRIVAL 2026-06-09 " + late, "ABSENT 2026-06-09 " + absent,
                        "ABSENT 2026-06-09 " + admin, "ABSENT 2026-06-08 " + admin, "MISSING_OUT 2026-06-08 " + onTime);

        // the events pipeline stores and routes them (default route: the dashboard of the organization's staff)
        SQSEvent batch = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (JsonNode e : raised) {
            for (int copy = 0; copy < 2; copy++) { // a redelivery is stored once
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId(e.get("eventId").asString() + "-" + copy);
                m.setReceiptHandle("rh-" + m.getMessageId());
                m.setBody(e.toString());
                records.add(m);
            }
        }
        batch.setRecords(records);
        assertThat(dispatch.apply(batch).getBatchItemFailures()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE organization_id = ?", Integer.class, f.org)).isEqualTo(5);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM notifications WHERE organization_id = ? AND channel = 'DASHBOARD' AND user_id = ?""",
                Integer.class, f.org, admin)).isEqualTo(5);
    }

    private List<JsonNode> drainEvents(UUID org) {
        List<JsonNode> mine = new ArrayList<>();
        try (SqsClient sqs = env.sqs()) {
            for (int attempt = 0; attempt < 5; attempt++) {
                var messages = sqs.receiveMessage(r -> r.queueUrl(env.queueUrl("events")).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                for (var message : messages) {
                    JsonNode body = json.readTree(message.body());
                    if (org.toString().equals(body.path("organizationId").asString())) {
                        mine.add(body);
                        sqs.deleteMessage(r -> r.queueUrl(env.queueUrl("events")).receiptHandle(message.receiptHandle()));
                    }
                }
            }
        }
        return mine;
    }
}
