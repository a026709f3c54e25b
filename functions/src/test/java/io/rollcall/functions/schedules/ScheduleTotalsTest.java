package io.rollcall.functions.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.attendance.AttendanceLog;
import io.rollcall.attendance.CorrectAttendanceDay;
import io.rollcall.attendance.EventType;
import io.rollcall.audit.Actor;
import io.rollcall.functions.FunctionTest;
import io.rollcall.leave.LeaveRequests;
import io.rollcall.leave.LeaveTypes;
import io.rollcall.schedules.DayStatus;
import io.rollcall.schedules.DepartmentHistory;
import io.rollcall.schedules.Holidays;
import io.rollcall.schedules.PeriodTotals;
import io.rollcall.schedules.ScheduleAssignments;
import io.rollcall.schedules.Schedules;
import io.rollcall.schedules.Shift;
import io.rollcall.schedules.ShiftTypes;
import io.rollcall.schedules.WorkCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ScheduleTotalsTest extends FunctionTest {

    @Autowired PeriodTotals totals;
    @Autowired JdbcTemplate jdbc;
    @Autowired AttendanceLog logs;
    @Autowired ShiftTypes types;
    @Autowired Schedules schedules;
    @Autowired ScheduleAssignments assignments;
    @Autowired Holidays holidays;
    @Autowired LeaveTypes leaveTypes;
    @Autowired LeaveRequests leave;
    @Autowired DepartmentHistory departments;
    @Autowired CorrectAttendanceDay correct;
    @Autowired io.rollcall.attendance.AttendanceReports reports;
    @Autowired io.rollcall.identity.UserService users;

    static final LocalDate MONDAY = LocalDate.of(2026, 6, 8);

    List<PeriodTotals.PersonTotals> week(HrFixture f, List<UUID> users) {
        List<PeriodTotals.PersonTotals> all = new ArrayList<>();
        totals.forEachPerson(f.org, MONDAY, MONDAY.plusDays(6), users, all::add);
        return all;
    }

    @Test
    void aWeekOfStatusesHolidaysLeaveAndOvertimeInUsernameOrder() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("Europe/Berlin"));
        UUID schedule = f.weekdaySchedule(types, schedules, "Office", HrFixture.nineToFive());
        f.assign(assignments, schedule, WorkCalendar.Scope.ORGANIZATION, null, null, LocalDate.of(2026, 1, 1), null);
        UUID bob = f.user("Bob", "Ops");
        UUID ann = f.user("Ann", "Ops");
        f.event(logs, ann, EventType.IN, "2026-06-08T08:58");
        f.event(logs, ann, EventType.OUT, "2026-06-08T19:00"); // 10 h less the 30 min break: 1.5 h overtime
        f.event(logs, ann, EventType.IN, "2026-06-09T09:20");
        f.event(logs, ann, EventType.OUT, "2026-06-09T17:00");
        f.event(logs, ann, EventType.IN, "2026-06-10T10:00"); // on the holiday
        f.event(logs, ann, EventType.OUT, "2026-06-10T12:00");
        f.event(logs, ann, EventType.IN, "2026-06-13T10:00"); // Saturday: a day off
        f.event(logs, ann, EventType.OUT, "2026-06-13T11:00");
        holidays.insert(f.org, new Holidays.Holiday(UUID.randomUUID(), MONDAY.plusDays(2), "Midsummer", null));
        UUID vacation = UUID.randomUUID();
        leaveTypes.insert(f.org, new LeaveTypes.LeaveType(vacation, "VAC", "Vacation", true));
        UUID request = UUID.randomUUID();
        leave.insert(f.org, new LeaveRequests.LeaveRequest(request, ann, vacation, null, MONDAY.plusDays(3), MONDAY.plusDays(4),
                false, LeaveRequests.Status.PENDING, null, null, null, null, null, null));
        leave.decide(f.org, request, LeaveRequests.Status.APPROVED, ann, "ok");

        List<PeriodTotals.PersonTotals> people = week(f, null);
        assertThat(people).extracting(PeriodTotals.PersonTotals::fullName).containsExactly("Ann", "Bob");
        PeriodTotals.PersonTotals a = people.get(0);
        assertThat(a.days()).extracting(PeriodTotals.WorkedDay::status).containsExactly(DayStatus.PRESENT, DayStatus.LATE,
                DayStatus.HOLIDAY, DayStatus.ON_LEAVE, DayStatus.ON_LEAVE, DayStatus.OFF, DayStatus.OFF);
        assertThat(a.days().get(0).workedMinutes()).isEqualTo(602 - 30);
        assertThat(a.regularMinutes()).isEqualTo(480 + 430);
        assertThat(a.overtimeMinutesByTier()).containsExactly(Map.entry("1.5x", 92));
        assertThat(a.leaveMinutesByType()).containsExactly(Map.entry("VAC", 2 * 450));
        assertThat(a.holidayMinutes()).isEqualTo(450);
        assertThat(a.holidayWorkedMinutes()).as("the holiday's shift has its break").isEqualTo(120 - 30);
        assertThat(a.dayOffWorkedMinutes()).isEqualTo(60);
        assertThat(a.employeeCode()).isEqualTo("E-Ann");
        PeriodTotals.PersonTotals b = people.get(1);
        assertThat(b.days()).extracting(PeriodTotals.WorkedDay::status).containsExactly(DayStatus.ABSENT, DayStatus.ABSENT,
                DayStatus.HOLIDAY, DayStatus.ABSENT, DayStatus.ABSENT, DayStatus.OFF, DayStatus.OFF);
        assertThat(b.regularMinutes()).isZero();

        assertThat(week(f, List.of(bob))).extracting(PeriodTotals.PersonTotals::userId).containsExactly(bob);
        HrFixture other = new HrFixture(jdbc, ZoneId.of("UTC"));
        List<PeriodTotals.PersonTotals> none = new ArrayList<>();
        totals.forEachPerson(other.org, MONDAY, MONDAY.plusDays(6), List.of(ann), none::add);
        assertThat(none).as("another organization's person is not summed").isEmpty();
    }

    @Test
    void aCorrectionReplacesTheDaysEventsAndChangesOnlyThatDay() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("America/New_York"));
        UUID schedule = f.weekdaySchedule(types, schedules, "Office", HrFixture.nineToFive());
        f.assign(assignments, schedule, WorkCalendar.Scope.ORGANIZATION, null, null, LocalDate.of(2026, 1, 1), null);
        UUID ann = f.user("Ann", "Ops");
        f.event(logs, ann, EventType.IN, "2026-06-08T09:00");
        f.event(logs, ann, EventType.OUT, "2026-06-08T17:00");
        f.event(logs, ann, EventType.IN, "2026-06-09T09:00");
        List<PeriodTotals.WorkedDay> before = week(f, List.of(ann)).get(0).days();
        assertThat(before.get(1).status()).isEqualTo(DayStatus.MISSING_OUT);
        assertThat(week(f, List.of(ann)).get(0).days()).as("recomputed from the same logs").isEqualTo(before);

        correct.correctDay(Actor.system(f.org), ann, MONDAY.plusDays(1),
                new CorrectAttendanceDay.Correction(f.at("2026-06-09T09:00"), f.at("2026-06-09T17:00"), "forgot to badge out"));
        List<PeriodTotals.WorkedDay> after = week(f, List.of(ann)).get(0).days();
        assertThat(after.get(1).status()).isEqualTo(DayStatus.PRESENT);
        assertThat(after.get(1).workedMinutes()).isEqualTo(450);
        for (int d = 0; d < 7; d++) {
            if (d != 1) {
                assertThat(after.get(d)).as("day %d", d).isEqualTo(before.get(d));
            }
        }
    }

    @Test
    void theDayReportAndItsCsvCarryTheJudgedStatusAndWorkedMinutes() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("Europe/Berlin"));
        UUID nights = f.weekdaySchedule(types, schedules, "Nights", Shift.fixed(LocalTime.of(22, 0), LocalTime.of(6, 0), 30));
        f.assign(assignments, nights, WorkCalendar.Scope.ORGANIZATION, null, null, LocalDate.of(2026, 1, 1), null);
        UUID ann = f.user("Ann", "Ops");
        f.event(logs, ann, EventType.IN, "2026-06-08T22:20");
        f.event(logs, ann, EventType.OUT, "2026-06-09T06:00");
        List<io.rollcall.attendance.AttendanceDay> days = reports.all(f.org,
                new io.rollcall.attendance.ReportFilter(MONDAY, MONDAY.plusDays(1), null, null));
        assertThat(days).extracting(io.rollcall.attendance.AttendanceDay::date).containsExactly(MONDAY, MONDAY.plusDays(1));
        assertThat(days.get(0).status()).isEqualTo("LATE");
        assertThat(days.get(0).workedMinutes()).as("the night's own OUT, less the break").isEqualTo(460 - 30);
        assertThat(days.get(0).totalMinutes()).as("the calendar day has only the IN").isNull();
        assertThat(days.get(1).status()).as("the Tuesday row is the OUT's calendar day; its own night had no IN").isEqualTo("ABSENT");
        String csv = io.rollcall.attendance.AttendanceCsv.write(days, f.zone);
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",flushed,status,worked_minutes");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).endsWith(",false,LATE,430");
    }

    @Test
    void aProfilesDepartmentChangeIsRecordedFromTodaySoEarlierDaysKeepTheOldDepartment() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("Europe/Berlin"));
        UUID mo = f.user("Mo", "Office");
        UUID admin = f.user("Ada", null, 1);
        users.updateProfile(new Actor(f.org, admin, null, null), mo, new io.rollcall.identity.Profile("Mo", "E-Mo", "Warehouse"));
        users.updateProfile(new Actor(f.org, admin, null, null), mo, new io.rollcall.identity.Profile("Mo M.", "E-Mo", "Warehouse"));
        var history = departments.forOrganization(f.org).get(mo);
        LocalDate today = LocalDate.now(f.zone);
        assertThat(history).containsOnlyKeys(LocalDate.of(1900, 1, 1), today);
        assertThat(history.get(LocalDate.of(1900, 1, 1))).isEqualTo("Office");
        assertThat(history.get(today)).isEqualTo("Warehouse");
    }

    @Test
    void aPersonWhoChangesDepartmentMidPeriodFollowsEachDepartmentsScheduleOnItsDays() {
        HrFixture f = new HrFixture(jdbc, ZoneId.of("Europe/Berlin"));
        UUID office = f.weekdaySchedule(types, schedules, "Office", HrFixture.nineToFive());
        UUID nights = f.weekdaySchedule(types, schedules, "Nights", Shift.fixed(LocalTime.of(22, 0), LocalTime.of(6, 0), 0));
        f.assign(assignments, office, WorkCalendar.Scope.DEPARTMENT, "Office", null, LocalDate.of(2026, 1, 1), null);
        f.assign(assignments, nights, WorkCalendar.Scope.DEPARTMENT, "Warehouse", null, LocalDate.of(2026, 1, 1), null);
        UUID mover = f.user("Mo", "Warehouse");
        departments.recordChange(f.org, mover, "Office", "Warehouse", MONDAY.plusDays(2));
        f.event(logs, mover, EventType.IN, "2026-06-09T09:00");
        f.event(logs, mover, EventType.OUT, "2026-06-09T17:30");
        f.event(logs, mover, EventType.IN, "2026-06-10T22:00");
        f.event(logs, mover, EventType.OUT, "2026-06-11T06:00");
        PeriodTotals.PersonTotals mo = week(f, List.of(mover)).get(0);
        assertThat(mo.days()).extracting(PeriodTotals.WorkedDay::scheduledMinutes)
                .containsExactly(450, 450, 480, 480, 480, 0, 0);
        assertThat(mo.days().get(1).status()).isEqualTo(DayStatus.PRESENT);
        assertThat(mo.days().get(2).status()).isEqualTo(DayStatus.PRESENT);
        assertThat(mo.days().get(2).workedMinutes()).isEqualTo(480);
        assertThat(mo.days().get(3).status()).as("the night's OUT is Wednesday's").isEqualTo(DayStatus.ABSENT);
        assertThat(mo.department()).isEqualTo("Warehouse");
    }
}
