package io.rollcall.functions.timesheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rollcall.attendance.AttendanceLog;
import io.rollcall.attendance.AttendanceSource;
import io.rollcall.attendance.Sighting;
import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.functions.DeadLetterQueue;
import io.rollcall.functions.FunctionTest;
import io.rollcall.functions.attendance.MarkAttendanceFunction;
import io.rollcall.functions.identity.AuditQueue;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Role;
import io.rollcall.schedules.PeriodTotals;
import io.rollcall.schedules.ScheduleAssignments;
import io.rollcall.schedules.Schedules;
import io.rollcall.schedules.ShiftTypes;
import io.rollcall.schedules.WorkCalendar;
import io.rollcall.timesheets.TimesheetException;
import io.rollcall.timesheets.TimesheetLocks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Timesheets through their routes on the real schedules rules (PeriodTotals): Draft → Approved → Locked, the 409s
 * a locked period gives corrections, API events and late sightings, reopening with a reason, a USER's own view.
 */
class TimesheetsTest extends FunctionTest {

    static final LocalDate JUNE_1 = LocalDate.of(2026, 6, 1); // a Monday
    static final String IN_JUNE = "{\"date\":\"2026-06-10\"";

    @Autowired ApplicationContext context;
    @Autowired AccessTokens tokens;
    @Autowired JsonMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired AttendanceLog logs;
    @Autowired ShiftTypes types;
    @Autowired Schedules schedules;
    @Autowired ScheduleAssignments assignments;
    @Autowired PeriodTotals totals;
    @Autowired MarkAttendanceFunction markAttendance;
    @Autowired TimesheetLocks timesheetLocks;
    @Autowired TransactionTemplate transactions;

    TimesheetFixture office() {
        TimesheetFixture f = new TimesheetFixture(jdbc, context, tokens, json, ZoneId.of("Europe/Berlin"));
        UUID schedule = f.weekdaySchedule(types, schedules, "Office", TimesheetFixture.nineToFive());
        f.assign(assignments, schedule, WorkCalendar.Scope.ORGANIZATION, null);
        return f;
    }

    PeriodTotals.PersonTotals june(TimesheetFixture f, UUID user) {
        List<PeriodTotals.PersonTotals> found = new ArrayList<>();
        totals.forEachPerson(f.org, JUNE_1, LocalDate.of(2026, 6, 30), List.of(user), found::add);
        return found.get(0);
    }

    @Test
    void draftsAreLiveApprovalFixesTheFiguresAndALockedPeriodRefusesEveryChangeUntilReopened() {
        TimesheetFixture f = office();
        UUID ann = f.user("Ann", "Office");
        UUID bob = f.user("Bob", "Office");
        f.worked(logs, ann, JUNE_1, "09:00", "19:00");              // 9.5 h worked: overtime
        f.worked(logs, ann, JUNE_1.plusDays(1), "09:00", "17:00");
        f.worked(logs, ann, JUNE_1.plusDays(2), "09:20", "17:00");  // late
        String admin = f.adminToken();
        String operator = f.operatorToken();

        // drafts: computed live, one per person of the period
        TimesheetFixture.Answer list = f.get("GET /timesheets", operator, Map.of(), Map.of("date", "2026-06-10"));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("period").get("start").asString()).isEqualTo("2026-06-01");
        assertThat(list.json().get("period").get("end").asString()).isEqualTo("2026-06-30");
        assertThat(list.json().get("total").asInt()).isEqualTo(4);
        assertThat(list.json().get("counts").get("DRAFT").asInt()).isEqualTo(4);
        JsonNode annDraft = item(list.json(), ann);
        PeriodTotals.PersonTotals live = june(f, ann);
        assertThat(annDraft.get("state").asString()).isEqualTo("DRAFT");
        assertThat(annDraft.get("figures").get("regularMinutes").asInt()).isEqualTo(live.regularMinutes()).isPositive();
        assertThat(annDraft.get("figures").get("overtimeMinutesByTier").get("1.5x").asInt())
                .isEqualTo(live.overtimeMinutesByTier().get("1.5x")).isPositive();
        assertThat(annDraft.get("figures").get("exceptions").get("LATE").asInt()).isEqualTo(1);
        assertThat(annDraft.get("figures").get("exceptions").get("ABSENT").asInt()).as("the other workdays of June").isEqualTo(19);

        // approve one (an OPERATOR may), then not twice
        TimesheetFixture.Answer approved = f.post("POST /timesheets/approve", operator, IN_JUNE + ",\"userIds\":[\"" + ann + "\"]}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("count").asInt()).isEqualTo(1);
        String annSheet = approved.json().get("timesheetIds").get(0).asString();
        assertThat(AuditQueue.find(AuditAction.TIMESHEET_APPROVED.name(), annSheet, f.org).get("userId").asString())
                .isEqualTo(f.operator.toString());
        assertThat(jdbc.queryForObject("SELECT regular_minutes FROM timesheets WHERE id = ?::uuid", Integer.class, annSheet))
                .isEqualTo(live.regularMinutes());
        TimesheetFixture.Answer twice = f.post("POST /timesheets/approve", operator, IN_JUNE + ",\"userIds\":[\"" + ann + "\"]}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("error").asString()).isEqualTo("already_approved");
        assertThat(twice.json().get("fields").has("userIds[0]")).isTrue();

        // the period is locked only whole, with no drafts left, and only by an ADMIN
        TimesheetFixture.Answer early = f.post("POST /timesheets/lock", admin, IN_JUNE + "}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("error").asString()).isEqualTo("period_not_approved");
        assertThat(f.post("POST /timesheets/lock", operator, IN_JUNE + "}").status()).isEqualTo(403);
        TimesheetFixture.Answer rest = f.post("POST /timesheets/approve", admin, IN_JUNE + "}");
        assertThat(rest.json().get("count").asInt()).as(rest.body()).isEqualTo(3);
        TimesheetFixture.Answer locked = f.post("POST /timesheets/lock", admin, IN_JUNE + "}");
        assertThat(locked.status()).as(locked.body()).isEqualTo(200);
        assertThat(locked.json().get("count").asInt()).isEqualTo(4);
        AuditQueue.find(AuditAction.TIMESHEET_LOCKED.name(), annSheet, f.org);
        assertThat(f.get("GET /timesheets", admin, Map.of(), Map.of("date", "2026-06-10")).json().get("counts").get("LOCKED").asInt())
                .isEqualTo(4);

        // a locked period refuses a correction, an API event and a late sighting; nothing of them is kept
        TimesheetFixture.Answer correction = f.call("PUT /attendance/users/{userId}/days/{date}", operator,
                Map.of("userId", ann.toString(), "date", "2026-06-02"), Map.of(),
                "{\"firstIn\":\"2026-06-02T07:00:00Z\",\"lastOut\":\"2026-06-02T16:30:00Z\",\"reason\":\"forgot\"}");
        assertThat(correction.status()).as(correction.body()).isEqualTo(409);
        assertThat(correction.json().get("error").asString()).isEqualTo("period_locked");
        assertThat(correction.json().get("fields").get("date").asString()).contains("2026-06-02", "2026-06-01..2026-06-30");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM attendance_records WHERE user_id = ?", Integer.class, ann)).isZero();
        TimesheetFixture.Answer event = f.post("POST /attendance/events", operator, """
                {"events":[{"eventId":"%s","userId":"%s","time":"2026-06-02T08:00:00Z"}]}""".formatted(UUID.randomUUID(), ann));
        assertThat(event.status()).as(event.body()).isEqualTo(409);
        assertThat(event.json().get("error").asString()).isEqualTo("period_locked");
        assertThat(event.json().get("fields").has("events[0].time")).isTrue();
        UUID late = UUID.randomUUID();
        SQSEvent batch = sqs(new Sighting(late, f.org, ann, null, f.at("2026-06-04T09:00"), 1.0, AttendanceSource.API));
        assertThat(markAttendance.apply(batch).getBatchItemFailures()).as("dead-lettered, not retried").isEmpty();
        assertThat(DeadLetterQueue.reasons(DeadLetterQueue.take("attendance", 1, late.toString())))
                .singleElement().satisfies(r -> assertThat(r).contains("period_locked", "2026-06-01..2026-06-30"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM attendance_logs WHERE id = ?", Integer.class, late)).isZero();

        // and leave over it, requested by the person (hrApi asks TimesheetLocks, its PeriodLocks)
        String vacation = f.post("POST /hr/leave-types", admin, "{\"code\":\"VAC\",\"name\":\"Vacation\"}").json()
                .get("id").asString();
        TimesheetFixture.Answer leave = f.post("POST /hr/leave-requests", f.token(ann, Role.USER), """
                {"leaveTypeId":"%s","from":"2026-06-29","to":"2026-07-03"}""".formatted(vacation));
        assertThat(leave.status()).as(leave.body()).isEqualTo(409);
        assertThat(leave.json().get("error").asString()).isEqualTo("period_locked");
        assertThat(leave.json().get("fields").get("from").asString()).contains("2026-06-29");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM leave_requests WHERE user_id = ?", Integer.class, ann)).isZero();

        // reopening: an ADMIN, with a reason
        TimesheetFixture.Answer noReason = f.post("POST /timesheets/reopen", admin, IN_JUNE + ",\"userIds\":[\"" + ann + "\"]}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("fields").has("reason")).isTrue();
        assertThat(f.post("POST /timesheets/reopen", operator, IN_JUNE + ",\"reason\":\"x\"}").status()).isEqualTo(403);
        TimesheetFixture.Answer reopened = f.post("POST /timesheets/reopen", admin,
                IN_JUNE + ",\"userIds\":[\"" + ann + "\"],\"reason\":\"June 2 was worked longer\"}");
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.json().get("timesheetIds").get(0).asString()).isEqualTo(annSheet);
        assertThat(AuditQueue.find(AuditAction.TIMESHEET_REOPENED.name(), annSheet, f.org).get("userId").asString())
                .isEqualTo(f.admin.toString());
        JsonNode annNow = f.get("GET /timesheets/users/{userId}", admin, Map.of("userId", ann.toString()),
                Map.of("date", "2026-06-30")).json();
        assertThat(annNow.get("state").asString()).isEqualTo("DRAFT");
        assertThat(annNow.get("history").get("reopenReason").asString()).isEqualTo("June 2 was worked longer");
        assertThat(annNow.get("days")).hasSize(30);
        assertThat(jdbc.queryForObject("SELECT state FROM timesheets WHERE user_id = ?", String.class, bob)).isEqualTo("LOCKED");

        // now the correction goes through, and a new approval carries it
        TimesheetFixture.Answer corrected = f.call("PUT /attendance/users/{userId}/days/{date}", operator,
                Map.of("userId", ann.toString(), "date", "2026-06-02"), Map.of(),
                "{\"firstIn\":\"2026-06-02T07:00:00Z\",\"lastOut\":\"2026-06-02T16:30:00Z\",\"reason\":\"worked late\"}");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        f.post("POST /timesheets/approve", admin, IN_JUNE + ",\"userIds\":[\"" + ann + "\"]}");
        int overtime = jdbc.queryForObject("SELECT (overtime_minutes->>'1.5x')::int FROM timesheets WHERE id = ?::uuid",
                Integer.class, annSheet);
        assertThat(overtime).isEqualTo(june(f, ann).overtimeMinutesByTier().get("1.5x"))
                .isGreaterThan(live.overtimeMinutesByTier().get("1.5x"));

        // a change to an approved (not locked) timesheet returns it to DRAFT: what was approved no longer holds
        f.call("PUT /attendance/users/{userId}/days/{date}", operator,
                Map.of("userId", ann.toString(), "date", "2026-06-03"), Map.of(),
                "{\"firstIn\":\"2026-06-03T07:00:00Z\",\"lastOut\":\"2026-06-03T15:00:00Z\",\"reason\":\"was on time\"}");
        assertThat(jdbc.queryForObject("SELECT state FROM timesheets WHERE id = ?::uuid", String.class, annSheet)).isEqualTo("DRAFT");
        assertThat(AuditQueue.find(AuditAction.TIMESHEET_RETURNED_TO_DRAFT.name(), annSheet, f.org).get("userId").asString())
                .isEqualTo(f.operator.toString());
    }

    @Test
    void approvingLeaveOverAnApprovedTimesheetReturnsItToDraft() {
        TimesheetFixture f = office();
        UUID ann = f.user("Ann", "Office");
        String admin = f.adminToken();
        String operator = f.operatorToken();
        String vacation = f.post("POST /hr/leave-types", admin, "{\"code\":\"VAC\",\"name\":\"Vacation\"}").json()
                .get("id").asString();
        String request = f.post("POST /hr/leave-requests", f.token(ann, Role.USER), """
                {"leaveTypeId":"%s","from":"2026-06-15","to":"2026-06-16"}""".formatted(vacation)).json().get("id").asString();
        TimesheetFixture.Answer approved = f.post("POST /timesheets/approve", admin, IN_JUNE + ",\"userIds\":[\"" + ann + "\"]}");
        String annSheet = approved.json().get("timesheetIds").get(0).asString();

        TimesheetFixture.Answer decided = f.call("POST /hr/leave-requests/{id}/decision", operator, Map.of("id", request),
                Map.of(), "{\"decision\":\"APPROVED\"}");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        // the two days are ON_LEAVE now: the approved figures (two absences) no longer hold
        assertThat(jdbc.queryForObject("SELECT state FROM timesheets WHERE id = ?::uuid", String.class, annSheet)).isEqualTo("DRAFT");
        assertThat(AuditQueue.find(AuditAction.TIMESHEET_RETURNED_TO_DRAFT.name(), annSheet, f.org).get("userId").asString())
                .isEqualTo(f.operator.toString());
        assertThat(june(f, ann).leaveMinutesByType()).containsEntry("VAC", 2 * 450); // 9-17 less the 30-minute break
    }

    @Test
    void aLockedPeriodRefusesHolidayAndScheduleChangesOverItAndAnApprovedOneReturnsToDraft() {
        TimesheetFixture f = office();
        UUID ann = f.user("Ann", "Office");
        String admin = f.adminToken();
        f.post("POST /timesheets/approve", admin, IN_JUNE + "}");
        assertThat(f.post("POST /timesheets/lock", admin, IN_JUNE + "}").status()).isEqualTo(200);
        String schedule = f.get("GET /hr/schedules", admin, Map.of(), Map.of()).json().get("items").get(0).get("id").asString();
        String assignment = f.get("GET /hr/assignments", admin, Map.of(), Map.of()).json().get("items").get(0).get("id").asString();

        TimesheetFixture.Answer holiday = f.post("POST /hr/holidays", admin, "{\"date\":\"2026-06-10\",\"name\":\"Founders' Day\"}");
        assertThat(holiday.status()).as(holiday.body()).isEqualTo(409);
        assertThat(holiday.json().get("error").asString()).isEqualTo("period_locked");
        assertThat(holiday.json().get("fields").get("date").asString()).contains("2026-06-01..2026-06-30");
        TimesheetFixture.Answer imported = f.post("POST /hr/holidays/import", admin, """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//RollCall test//EN\r
                BEGIN:VEVENT\r
                UID:midsummer@example.com\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20260619\r
                SUMMARY:Midsummer\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:july@example.com\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20260720\r
                SUMMARY:Summer day\r
                END:VEVENT\r
                END:VCALENDAR\r
                """);
        assertThat(imported.status()).as(imported.body()).isEqualTo(409);
        assertThat(imported.json().get("fields").has("file")).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM holidays WHERE organization_id = ?", Integer.class, f.org))
                .as("nothing half-imported, July's day included").isZero();
        TimesheetFixture.Answer assigned = f.post("POST /hr/assignments", admin, """
                {"scheduleId":"%s","scope":"USER","userId":"%s","validFrom":"2026-06-15"}""".formatted(schedule, ann));
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(409);
        assertThat(assigned.json().get("fields").has("validFrom")).isTrue();
        TimesheetFixture.Answer unassigned = f.call("DELETE /hr/assignments/{id}", admin, Map.of("id", assignment), Map.of(), null);
        assertThat(unassigned.status()).as(unassigned.body()).isEqualTo(409);

        // after the locked period the calendar is free; an approved July goes back to DRAFT when a holiday lands in it
        TimesheetFixture.Answer july = f.post("POST /timesheets/approve", admin, "{\"date\":\"2026-07-10\",\"userIds\":[\"" + ann + "\"]}");
        String julySheet = july.json().get("timesheetIds").get(0).asString();
        assertThat(f.post("POST /hr/holidays", admin, "{\"date\":\"2026-07-10\",\"name\":\"Summer\"}").status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT state FROM timesheets WHERE id = ?::uuid", String.class, julySheet)).isEqualTo("DRAFT");
        assertThat(AuditQueue.find(AuditAction.TIMESHEET_RETURNED_TO_DRAFT.name(), julySheet, f.org).get("userId").asString())
                .isEqualTo(f.admin.toString());
    }

    @Test
    void aBatchOfChangedDaysIsCheckedAtOnce() {
        TimesheetFixture f = office();
        UUID ann = f.user("Ann", "Office");
        UUID bob = f.user("Bob", "Office");
        f.post("POST /timesheets/approve", f.adminToken(), IN_JUNE + "}");
        f.post("POST /timesheets/lock", f.adminToken(), IN_JUNE + ",\"userIds\":[\"" + ann + "\"]}");

        Set<TimesheetLocks.PersonDay> locked = transactions.execute(s -> timesheetLocks.beforeChanges(Actor.system(f.org), List.of(
                new TimesheetLocks.PersonDay(ann, LocalDate.of(2026, 6, 2)),
                new TimesheetLocks.PersonDay(ann, LocalDate.of(2026, 7, 2)),
                new TimesheetLocks.PersonDay(bob, LocalDate.of(2026, 6, 3)))));

        assertThat(locked).containsExactly(new TimesheetLocks.PersonDay(ann, LocalDate.of(2026, 6, 2)));
        assertThat(jdbc.queryForObject("SELECT state FROM timesheets WHERE user_id = ?", String.class, ann)).isEqualTo("LOCKED");
        assertThat(jdbc.queryForObject("SELECT state FROM timesheets WHERE user_id = ?", String.class, bob))
                .as("bob's June changes: its approval no longer holds").isEqualTo("DRAFT");
        assertThat(timesheetLocks.firstLockedDay(f.org, ann, LocalDate.of(2026, 5, 20), LocalDate.of(2026, 7, 1)))
                .contains(LocalDate.of(2026, 6, 1));
        assertThat(timesheetLocks.firstLockedDay(f.org, bob, LocalDate.of(2026, 5, 20), LocalDate.of(2026, 7, 1))).isEmpty();
        // an organization-wide change (a holiday) over June meets ann's locked timesheet; over July nothing
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> timesheetLocks.beforeCalendarChange(
                Actor.system(f.org), LocalDate.of(2026, 6, 24), LocalDate.of(2026, 6, 24), "date")))
                .isInstanceOfSatisfying(TimesheetException.class, e -> {
                    assertThat(e.code()).isEqualTo("period_locked");
                    assertThat(e.fields()).containsKey("date");
                });
        transactions.executeWithoutResult(s -> timesheetLocks.beforeCalendarChange(Actor.system(f.org),
                LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31), "date"));
    }

    @Test
    void aUserSeesOnlyTheirOwnTimesheet() {
        TimesheetFixture f = office();
        UUID ann = f.user("Ann", "Office");
        UUID bob = f.user("Bob", "Office");
        f.worked(logs, ann, JUNE_1, "09:00", "17:00");
        String annToken = f.token(ann, Role.USER);

        TimesheetFixture.Answer own = f.get("GET /timesheets/users/{userId}", annToken, Map.of("userId", ann.toString()),
                Map.of("date", "2026-06-15"));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("figures").get("regularMinutes").asInt()).isEqualTo(june(f, ann).regularMinutes()).isPositive();
        TimesheetFixture.Answer other = f.get("GET /timesheets/users/{userId}", annToken, Map.of("userId", bob.toString()),
                Map.of("date", "2026-06-15"));
        TimesheetFixture.Answer missing = f.get("GET /timesheets/users/{userId}", annToken, Map.of("userId", UUID.randomUUID().toString()),
                Map.of("date", "2026-06-15"));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).isEqualTo(missing.body());
        assertThat(f.get("GET /timesheets", annToken, Map.of(), Map.of("date", "2026-06-15")).status()).isEqualTo(403);
        assertThat(f.post("POST /timesheets/approve", annToken, IN_JUNE + "}").status()).isEqualTo(403);
        assertThat(f.get("GET /timesheets/period", annToken, Map.of(), Map.of("date", "2026-06-15")).json()
                .get("start").asString()).isEqualTo("2026-06-01");
    }

    @Test
    void anotherOrganizationsPersonIsNotFoundAndNothingIsHalfApproved() {
        TimesheetFixture f = office();
        TimesheetFixture other = office();
        UUID ann = f.user("Ann", "Office");
        UUID stranger = other.user("Stranger", "Office");

        TimesheetFixture.Answer mixed = f.post("POST /timesheets/approve", f.adminToken(),
                IN_JUNE + ",\"userIds\":[\"" + ann + "\",\"" + stranger + "\"]}");
        assertThat(mixed.status()).isEqualTo(404);
        assertThat(mixed.json().get("fields").get("userIds[1]").asString()).contains("no such person");
        assertThat(mixed.json().get("fields").has("userIds[0]")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM timesheets WHERE organization_id IN (?, ?)", Integer.class,
                f.org, other.org)).as("nothing half-saved").isZero();

        TimesheetFixture.Answer noDate = f.post("POST /timesheets/approve", f.adminToken(), "{\"userIds\":[\"" + ann + "\"]}");
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.json().get("fields").has("date")).isTrue();
        TimesheetFixture.Answer repeated = f.post("POST /timesheets/approve", f.adminToken(),
                IN_JUNE + ",\"userIds\":[\"" + ann + "\",\"" + ann + "\"]}");
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.json().get("fields").has("userIds")).isTrue();
        // locking another organization's approved timesheet: not found, and it stays approved
        other.post("POST /timesheets/approve", other.adminToken(), IN_JUNE + "}");
        TimesheetFixture.Answer foreignLock = f.post("POST /timesheets/lock", f.adminToken(), IN_JUNE + ",\"userIds\":[\"" + stranger + "\"]}");
        assertThat(foreignLock.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT state FROM timesheets WHERE user_id = ?", String.class, stranger)).isEqualTo("APPROVED");
    }

    @Test
    void thePayPeriodRuleIsValidatedNamingTheFieldAndCutsThePeriods() {
        TimesheetFixture f = office();
        TimesheetFixture.Answer bad = f.call("PATCH /config", f.adminToken(), Map.of(), Map.of(),
                "{\"timesheets.pay_period\":{\"type\":\"BIWEEKLY\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("timesheets.pay_period").asString()).startsWith("anchor:");
        TimesheetFixture.Answer badType = f.call("PATCH /config", f.adminToken(), Map.of(), Map.of(),
                "{\"timesheets.pay_period\":{\"type\":\"FORTNIGHTLY\",\"anchor\":\"2026-01-05\"}}");
        assertThat(badType.json().get("fields").get("timesheets.pay_period").asString()).startsWith("type:");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_configs WHERE organization_id = ? AND config_key = 'timesheets.pay_period'",
                Integer.class, f.org)).isZero();

        assertThat(f.call("PATCH /config", f.adminToken(), Map.of(), Map.of(),
                "{\"timesheets.pay_period\":{\"type\":\"BIWEEKLY\",\"anchor\":\"2026-01-12\"}}").status()).isEqualTo(200);
        JsonNode period = f.get("GET /timesheets/period", f.adminToken(), Map.of(), Map.of("date", "2026-06-10")).json();
        assertThat(period.get("type").asString()).isEqualTo("BIWEEKLY");
        assertThat(period.get("start").asString()).isEqualTo("2026-06-01");
        assertThat(period.get("end").asString()).isEqualTo("2026-06-14");
        assertThat(period.get("previousStart").asString()).isEqualTo("2026-05-18");
        assertThat(period.get("nextStart").asString()).isEqualTo("2026-06-15");
        assertThat(f.call("PATCH /config", f.adminToken(), Map.of(), Map.of(),
                "{\"timesheets.pay_period\":{\"type\":\"SEMI_MONTHLY\"}}").status()).isEqualTo(200);
        assertThat(f.get("GET /timesheets", f.adminToken(), Map.of(), Map.of("date", "2026-06-20")).json()
                .get("period").get("start").asString()).isEqualTo("2026-06-16");
    }

    static JsonNode item(JsonNode page, UUID user) {
        for (JsonNode item : page.get("items")) {
            if (item.get("userId").asString().equals(user.toString())) {
                return item;
            }
        }
        throw new AssertionError("no timesheet of " + user + " in " + page);
    }

    SQSEvent sqs(Sighting sighting) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("late-" + sighting.eventId());
        message.setReceiptHandle("rh-" + sighting.eventId());
        message.setBody(json.writeValueAsString(sighting));
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:rollcall-attendance");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

}
