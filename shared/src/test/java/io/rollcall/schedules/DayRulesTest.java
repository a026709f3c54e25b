package io.rollcall.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.rollcall.attendance.EventType;
import io.rollcall.schedules.DayRules.DayPlan;
import io.rollcall.schedules.DayRules.Punch;
import org.junit.jupiter.api.Test;

class DayRulesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Shift NIGHT = Shift.fixed(LocalTime.of(22, 0), LocalTime.of(6, 0), 0);
    static final Shift DAY = Shift.fixed(LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
    static final HrPolicy POLICY = HrPolicy.DEFAULTS;
    static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    static Punch in(ZoneId zone, String localDateTime) {
        return new Punch(EventType.IN, LocalDateTime.parse(localDateTime).atZone(zone).toInstant());
    }

    static Punch out(ZoneId zone, String localDateTime) {
        return new Punch(EventType.OUT, LocalDateTime.parse(localDateTime).atZone(zone).toInstant());
    }

    static List<DayPlan> days(LocalDate from, int count, Shift shift) {
        List<DayPlan> plans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plans.add(new DayPlan(from.plusDays(i), shift, false, null, null));
        }
        return plans;
    }

    /** The night shift of {@code saturday} in {@code zone}, worked 22:00 to 06:00 wall-clock time. */
    static DayRules.Judged nightAcross(ZoneId zone, LocalDate saturday) {
        List<DayPlan> plans = days(saturday, 2, NIGHT);
        List<Punch> punches = List.of(in(zone, saturday + "T22:00"), out(zone, saturday.plusDays(1) + "T06:00"));
        return PeriodRules.sum(plans, punches, saturday, zone, POLICY, LATER).days().get(0);
    }

    @Test
    void aNightShiftAcrossTheSpringChangeIsPaidForTheSevenHoursWorked() {
        // Berlin: 29 March 2026, 02:00 → 03:00; New York: 8 March 2026, 02:00 → 03:00
        for (var c : List.of(Map.entry(BERLIN, LocalDate.of(2026, 3, 28)), Map.entry(NEW_YORK, LocalDate.of(2026, 3, 7)))) {
            DayRules.Judged day = nightAcross(c.getKey(), c.getValue());
            assertThat(day.date()).as("the shift's day, not the OUT's").isEqualTo(c.getValue());
            assertThat(day.workedMinutes()).as(c.getKey().getId()).isEqualTo(7 * 60);
            assertThat(day.scheduledMinutes()).isEqualTo(7 * 60);
            assertThat(day.status()).isEqualTo(DayStatus.PRESENT);
        }
    }

    @Test
    void aNightShiftAcrossTheAutumnChangeIsPaidForTheNineHoursWorkedWithTheNinthAsOvertime() {
        // Berlin: 25 October 2026, 03:00 → 02:00; New York: 1 November 2026, 02:00 → 01:00
        for (var c : List.of(Map.entry(BERLIN, LocalDate.of(2026, 10, 24)), Map.entry(NEW_YORK, LocalDate.of(2026, 10, 31)))) {
            List<DayPlan> plans = days(c.getValue(), 2, NIGHT);
            List<Punch> punches = List.of(in(c.getKey(), c.getValue() + "T22:00"),
                    out(c.getKey(), c.getValue().plusDays(1) + "T06:00"));
            PeriodRules.Sums sums = PeriodRules.sum(plans, punches, c.getValue(), c.getKey(), POLICY, LATER);
            assertThat(sums.days().get(0).workedMinutes()).as(c.getKey().getId()).isEqualTo(9 * 60);
            assertThat(sums.days().get(0).scheduledMinutes()).isEqualTo(9 * 60);
            assertThat(sums.regularMinutes()).isEqualTo(8 * 60);
            assertThat(sums.overtimeMinutesByTier()).containsExactly(Map.entry("1.5x", 60));
            assertThat(sums.days().get(1).workedMinutes()).as("the next day got no event of the shift").isZero();
        }
    }

    @Test
    void aShiftStartingTheDayBeforeAHolidayAndEndingOnItIsAnOrdinaryWorkday() {
        LocalDate eve = LocalDate.of(2026, 12, 24);
        List<DayPlan> plans = List.of(new DayPlan(eve, NIGHT, false, null, null),
                new DayPlan(eve.plusDays(1), NIGHT, true, null, null));
        List<Punch> punches = List.of(in(BERLIN, "2026-12-24T21:58"), out(BERLIN, "2026-12-25T06:03"));
        PeriodRules.Sums sums = PeriodRules.sum(plans, punches, eve, BERLIN, POLICY, LATER);
        assertThat(sums.days().get(0).status()).isEqualTo(DayStatus.PRESENT);
        assertThat(sums.days().get(0).workedMinutes()).isEqualTo(8 * 60 + 5);
        assertThat(sums.days().get(1).status()).isEqualTo(DayStatus.HOLIDAY);
        assertThat(sums.days().get(1).workedMinutes()).as("its OUT is the eve's").isZero();
        assertThat(sums.holidayWorkedMinutes()).isZero();
        assertThat(sums.holidayMinutes()).as("the holiday's own shift, paid as holiday").isEqualTo(8 * 60);
        assertThat(sums.regularMinutes()).isEqualTo(8 * 60);
        assertThat(sums.overtimeMinutesByTier()).containsExactly(Map.entry("1.5x", 5));
    }

    @Test
    void theLeapDayIsADayLikeAnyOtherAndTheRotationCountsIt() {
        // 2028 is a leap year; a 2-week rotation works the first week, is off the second
        Shift[] days = new Shift[14];
        for (int i = 0; i < 5; i++) {
            days[i] = DAY;
        }
        WorkCalendar.Pattern pattern = new WorkCalendar.Pattern(UUID.randomUUID(), LocalDate.of(2028, 2, 21), days);
        UUID person = UUID.randomUUID();
        WorkCalendar calendar = new WorkCalendar(Map.of(pattern.id(), pattern),
                List.of(new WorkCalendar.Assignment(UUID.randomUUID(), pattern.id(), WorkCalendar.Scope.ORGANIZATION,
                        null, null, LocalDate.of(2028, 1, 1), null)),
                Map.of(), Map.of(), List.of(), Map.of());
        List<DayPlan> plans = calendar.plans(person, null, LocalDate.of(2028, 2, 28), LocalDate.of(2028, 3, 7));
        assertThat(plans).extracting(DayPlan::date).contains(LocalDate.of(2028, 2, 29)).hasSize(9);
        assertThat(plans.get(0).shift()).as("Mon 28 Feb: week 2, off").isNull();
        assertThat(plans.get(1).shift()).as("Tue 29 Feb: week 2, off").isNull();
        assertThat(plans.get(7).shift()).as("Mon 6 Mar: week 1 again").isEqualTo(DAY);
        DayRules.Judged leap = DayRules.judge(new DayPlan(LocalDate.of(2028, 2, 29), DAY, false, null, null),
                List.of(in(BERLIN, "2028-02-29T09:00"), out(BERLIN, "2028-02-29T17:00")), BERLIN, POLICY, LATER);
        assertThat(leap.status()).isEqualTo(DayStatus.PRESENT);
        assertThat(leap.workedMinutes()).isEqualTo(8 * 60 - 30);
        // a night shift of 28 Feb ends on the leap day and is 28 Feb's
        PeriodRules.Sums sums = PeriodRules.sum(days(LocalDate.of(2028, 2, 28), 2, NIGHT),
                List.of(in(BERLIN, "2028-02-28T22:00"), out(BERLIN, "2028-02-29T06:00")),
                LocalDate.of(2028, 2, 28), BERLIN, POLICY, LATER);
        assertThat(sums.days().get(0).workedMinutes()).isEqualTo(480);
        assertThat(sums.days().get(1).status()).isEqualTo(DayStatus.ABSENT);
    }

    @Test
    void statusesFollowTheGraceAndThresholds() {
        LocalDate d = LocalDate.of(2026, 6, 10);
        DayPlan plan = new DayPlan(d, DAY, false, null, null);
        assertThat(judge(plan, in(BERLIN, "2026-06-10T09:05"), out(BERLIN, "2026-06-10T16:55")).status()).isEqualTo(DayStatus.PRESENT);
        DayRules.Judged late = judge(plan, in(BERLIN, "2026-06-10T09:06"), out(BERLIN, "2026-06-10T16:50"));
        assertThat(late.status()).isEqualTo(DayStatus.LATE);
        assertThat(late.exceptions()).containsExactlyInAnyOrder(DayStatus.LATE, DayStatus.EARLY_LEAVE);
        assertThat(judge(plan, in(BERLIN, "2026-06-10T09:00"), out(BERLIN, "2026-06-10T16:00")).status()).isEqualTo(DayStatus.EARLY_LEAVE);
        assertThat(judge(plan, in(BERLIN, "2026-06-10T09:00"), out(BERLIN, "2026-06-10T12:00")).status()).isEqualTo(DayStatus.HALF_DAY);
        assertThat(judge(plan, in(BERLIN, "2026-06-10T09:00"), out(BERLIN, "2026-06-10T10:00")).status()).isEqualTo(DayStatus.ABSENT);
        assertThat(judge(plan).status()).isEqualTo(DayStatus.ABSENT);
        assertThat(judge(new DayPlan(d, null, false, null, null)).status()).isEqualTo(DayStatus.OFF);
        DayRules.Judged leave = judge(new DayPlan(d, DAY, false, new DayRules.LeaveDay("VAC", true), null));
        assertThat(leave.status()).isEqualTo(DayStatus.ON_LEAVE);
        assertThat(leave.leaveMinutes()).isEqualTo((8 * 60 - 30) / 2);
    }

    @Test
    void anInWithoutAnOutIsMissingOutOnlyAfterTheWindowAndNoOutIsInvented() {
        LocalDate d = LocalDate.of(2026, 6, 10);
        DayPlan plan = new DayPlan(d, DAY, false, null, null);
        List<Punch> punches = List.of(in(BERLIN, "2026-06-10T09:20"));
        DayRules.Judged during = DayRules.judge(plan, punches, BERLIN, POLICY, in(BERLIN, "2026-06-10T20:59").time());
        assertThat(during.status()).isEqualTo(DayStatus.LATE);
        assertThat(during.settled()).isFalse();
        DayRules.Judged after = DayRules.judge(plan, punches, BERLIN, POLICY, in(BERLIN, "2026-06-10T21:00").time());
        assertThat(after.status()).isEqualTo(DayStatus.MISSING_OUT);
        assertThat(after.exceptions()).contains(DayStatus.MISSING_OUT, DayStatus.LATE);
        assertThat(after.workedMinutes()).isZero();
        assertThat(after.lastOut()).isNull();
        assertThat(after.settled()).isTrue();
    }

    @Test
    void pairsCountOnlyTheTimeBetweenEachInAndItsOut() {
        LocalDate d = LocalDate.of(2026, 6, 10);
        DayPlan plan = new DayPlan(d, DAY, false, null, null);
        HrPolicy pairs = new HrPolicy(5, 120, 240, 4, HrPolicy.WorkedMinutes.PAIRS, POLICY.dailyOvertime(), POLICY.weeklyOvertime());
        List<Punch> punches = List.of(in(BERLIN, "2026-06-10T09:00"), out(BERLIN, "2026-06-10T12:00"),
                in(BERLIN, "2026-06-10T13:00"), out(BERLIN, "2026-06-10T17:00"));
        assertThat(DayRules.judge(plan, punches, BERLIN, pairs, LATER).workedMinutes()).isEqualTo(7 * 60);
        assertThat(DayRules.judge(plan, punches, BERLIN, POLICY, LATER).workedMinutes()).as("first-last less the break")
                .isEqualTo(8 * 60 - 30);
    }

    @Test
    void weeklyOvertimeTakesTheRegularMinutesOverTheThresholdAndDailyTiersStack() {
        HrPolicy policy = new HrPolicy(5, 120, 240, 4, HrPolicy.WorkedMinutes.FIRST_LAST,
                List.of(new HrPolicy.OvertimeTier(600, new BigDecimal("2")), new HrPolicy.OvertimeTier(480, new BigDecimal("1.5"))),
                new HrPolicy.OvertimeTier(1800, new BigDecimal("1.25")));
        Shift open = Shift.fixed(LocalTime.of(8, 0), LocalTime.of(20, 0), 0);
        LocalDate monday = LocalDate.of(2026, 6, 8);
        List<Punch> punches = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // 11 h a day: 8 regular, 2 at 1.5x, 1 at 2x
            punches.add(in(BERLIN, monday.plusDays(i) + "T08:00"));
            punches.add(out(BERLIN, monday.plusDays(i) + "T19:00"));
        }
        // from Wednesday: Monday and Tuesday's 16 regular hours still count toward the week
        PeriodRules.Sums sums = PeriodRules.sum(days(monday, 7, open), punches, monday.plusDays(2), BERLIN, policy, LATER);
        // regular: Mon 8 + Tue 8 + Wed 8 = 24, Thu 6 more reaches 30; Thu 2 and Fri 8 are weekly 1.25x
        assertThat(sums.regularMinutes()).isEqualTo((8 + 6) * 60);
        assertThat(sums.overtimeMinutesByTier()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "1.5x", 3 * 120, "2x", 3 * 60, "1.25x", 10 * 60));
        assertThat(sums.days()).hasSize(5);
    }

    @Test
    void theMostSpecificAssignmentWinsAndADepartmentMoveChangesTheScheduleFromItsDate() {
        Shift[] dayWeek = new Shift[7];
        Shift[] nightWeek = new Shift[7];
        Shift[] personal = new Shift[7];
        for (int i = 0; i < 7; i++) {
            dayWeek[i] = DAY;
            nightWeek[i] = NIGHT;
            personal[i] = Shift.flexible(360, null, null);
        }
        LocalDate start = LocalDate.of(2026, 6, 1);
        var org = new WorkCalendar.Pattern(UUID.randomUUID(), start, dayWeek);
        var nights = new WorkCalendar.Pattern(UUID.randomUUID(), start, nightWeek);
        var own = new WorkCalendar.Pattern(UUID.randomUUID(), start, personal);
        UUID mover = UUID.randomUUID();
        UUID special = UUID.randomUUID();
        NavigableMap<LocalDate, String> history = new TreeMap<>(Map.of(DepartmentHistory.BEGINNING, "Office",
                LocalDate.of(2026, 6, 11), "Warehouse"));
        WorkCalendar calendar = new WorkCalendar(Map.of(org.id(), org, nights.id(), nights, own.id(), own), List.of(
                new WorkCalendar.Assignment(UUID.randomUUID(), org.id(), WorkCalendar.Scope.ORGANIZATION, null, null, start, null),
                new WorkCalendar.Assignment(UUID.randomUUID(), nights.id(), WorkCalendar.Scope.DEPARTMENT, "Warehouse", null, start, null),
                new WorkCalendar.Assignment(UUID.randomUUID(), own.id(), WorkCalendar.Scope.USER, null, special, start,
                        LocalDate.of(2026, 6, 15))),
                Map.of(mover, history), Map.of(LocalDate.of(2026, 6, 12), Set.of("Office")), List.of(), Map.of());
        List<DayPlan> moverPlans = calendar.plans(mover, "Warehouse", LocalDate.of(2026, 6, 9), LocalDate.of(2026, 6, 12));
        assertThat(moverPlans).extracting(DayPlan::shift).containsExactly(DAY, DAY, NIGHT, NIGHT);
        assertThat(moverPlans.get(3).holiday()).as("the Office's holiday, and they are in the Warehouse by then").isFalse();
        List<DayPlan> specialPlans = calendar.plans(special, "Warehouse", LocalDate.of(2026, 6, 15), LocalDate.of(2026, 6, 16));
        assertThat(specialPlans).extracting(DayPlan::shift).containsExactly(personal[0], NIGHT);
        assertThat(calendar.plans(UUID.randomUUID(), "Office", LocalDate.of(2026, 6, 12), LocalDate.of(2026, 6, 12)).get(0).holiday())
                .isTrue();
        assertThat(calendar.department(mover, "Warehouse", LocalDate.of(2026, 6, 10))).isEqualTo("Office");
    }

    private static DayRules.Judged judge(DayPlan plan, Punch... punches) {
        return DayRules.judge(plan, List.of(punches), BERLIN, POLICY, LATER);
    }
}
