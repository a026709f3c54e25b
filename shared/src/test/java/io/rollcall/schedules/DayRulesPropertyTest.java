package io.rollcall.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.rollcall.attendance.EventType;
import io.rollcall.schedules.DayRules.DayPlan;
import io.rollcall.schedules.DayRules.Punch;
import org.junit.jupiter.api.Test;

/** Seeded random cases (the seed is in every failure message): properties of the day and period rules. */
class DayRulesPropertyTest {

    static final long SEED = 20261201L;
    static final int CASES = 2_000;
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"));

    record Case(long seed, ZoneId zone, HrPolicy policy, List<DayPlan> plans, List<Punch> punches, LocalDate from,
                Instant now) {
    }

    static Case randomCase(long seed) {
        Random r = new Random(seed);
        ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
        // around the DST changes of the zones above and the leap day, or anywhere
        LocalDate[] anchors = {LocalDate.of(2026, 3, 23), LocalDate.of(2026, 10, 19), LocalDate.of(2028, 2, 21),
                LocalDate.of(2026, 10, 26), LocalDate.of(2026, 3, 2).plusDays(r.nextInt(300))};
        LocalDate start = anchors[r.nextInt(anchors.length)];
        List<DayPlan> plans = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            Shift shift = switch (r.nextInt(5)) {
                case 0 -> null;
                case 1 -> Shift.fixed(LocalTime.of(20 + r.nextInt(4), 0), LocalTime.of(4 + r.nextInt(4), 30), r.nextInt(61));
                case 2 -> Shift.flexible(60 + r.nextInt(480), r.nextBoolean() ? null : LocalTime.of(10, 0),
                        LocalTime.of(15, 0));
                default -> Shift.fixed(LocalTime.of(6 + r.nextInt(4), 15 * r.nextInt(4)), LocalTime.of(14 + r.nextInt(5), 0),
                        r.nextInt(61));
            };
            if (shift != null && shift.kind() == Shift.Kind.FLEXIBLE && shift.start() == null) {
                shift = Shift.flexible(shift.requiredMinutes(), null, null);
            }
            DayRules.LeaveDay leave = r.nextInt(10) == 0 ? new DayRules.LeaveDay("VAC", r.nextBoolean()) : null;
            plans.add(new DayPlan(start.plusDays(i), shift, r.nextInt(12) == 0, leave, null));
        }
        List<Punch> punches = new ArrayList<>();
        Instant t = start.atStartOfDay(zone).toInstant();
        Instant end = start.plusDays(15).atStartOfDay(zone).toInstant();
        while (true) {
            t = t.plus(Duration.ofMinutes(1 + r.nextInt(r.nextBoolean() ? 90 : 900)));
            if (!t.isBefore(end)) {
                break;
            }
            punches.add(new Punch(r.nextBoolean() ? EventType.IN : EventType.OUT, t));
        }
        HrPolicy policy = new HrPolicy(r.nextInt(15), r.nextInt(180), 180 + r.nextInt(120), r.nextInt(8),
                r.nextBoolean() ? HrPolicy.WorkedMinutes.PAIRS : HrPolicy.WorkedMinutes.FIRST_LAST,
                HrPolicy.DEFAULTS.dailyOvertime(), r.nextBoolean() ? HrPolicy.DEFAULTS.weeklyOvertime() : null);
        Instant now = start.plusDays(r.nextInt(20)).atStartOfDay(zone).toInstant();
        return new Case(seed, zone, policy, plans, punches, PeriodRules.judgedFrom(start).plusDays(7), now);
    }

    static PeriodRules.Sums sum(Case c, List<Punch> punches) {
        return PeriodRules.sum(c.plans(), punches, c.from(), c.zone(), c.policy(), c.now());
    }

    @Test
    void theSameLogsAlwaysGiveTheSameDaysAndTotals() {
        for (int i = 0; i < CASES; i++) {
            Case c = randomCase(SEED + i);
            PeriodRules.Sums first = sum(c, c.punches());
            PeriodRules.Sums again = sum(c, new ArrayList<>(c.punches()));
            assertThat(again).as("seed %d", c.seed()).isEqualTo(first);
        }
    }

    @Test
    void everyEventBelongsToAtMostOneDayAndTheDaysTileTime() {
        for (int i = 0; i < CASES; i++) {
            Case c = randomCase(SEED + i);
            Instant[][] windows = DayRules.windows(c.plans(), c.zone(), c.policy());
            for (int d = 0; d < windows.length; d++) {
                assertThat(windows[d][0]).as("seed %d day %d", c.seed(), d).isBeforeOrEqualTo(windows[d][1]);
                if (d > 0) {
                    assertThat(windows[d][0]).as("seed %d day %d", c.seed(), d).isEqualTo(windows[d - 1][1]);
                }
            }
            List<List<Punch>> byDay = DayRules.assign(c.plans(), c.punches(), c.zone(), c.policy());
            List<Punch> flattened = byDay.stream().flatMap(List::stream).toList();
            assertThat(flattened).as("seed %d", c.seed()).isSortedAccordingTo(Comparator.comparing(Punch::time));
            assertThat(c.punches()).as("seed %d", c.seed()).containsSubsequence(flattened);
        }
    }

    @Test
    void regularAndOvertimeAddUpToTheWorkdaysWorkedAndWorkNeverExceedsPresence() {
        for (int i = 0; i < CASES; i++) {
            Case c = randomCase(SEED + i);
            PeriodRules.Sums sums = sum(c, c.punches());
            int workdays = sums.days().stream().filter(d -> d.kind() == DayRules.Kind.WORKDAY)
                    .mapToInt(DayRules.Judged::workedMinutes).sum();
            int overtime = sums.overtimeMinutesByTier().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(sums.regularMinutes() + overtime).as("seed %d", c.seed()).isEqualTo(workdays);
            for (DayRules.Judged d : sums.days()) {
                if (d.workedMinutes() > 0) {
                    assertThat(d.firstIn()).as("seed %d %s", c.seed(), d.date()).isNotNull();
                    if (d.lastOut() != null) {
                        assertThat((long) d.workedMinutes()).as("seed %d %s", c.seed(), d.date())
                                .isLessThanOrEqualTo(Duration.between(d.firstIn(), d.lastOut()).toMinutes());
                    }
                }
                assertThat(d.status() == DayStatus.MISSING_OUT).as("seed %d %s", c.seed(), d.date())
                        .isEqualTo(d.lastOut() == null && d.exceptions().contains(DayStatus.MISSING_OUT)
                                && d.kind() == DayRules.Kind.WORKDAY && !d.status().equals(DayStatus.ON_LEAVE));
            }
        }
    }

    @Test
    void aLateSightingChangesOnlyTheDayItFallsOn() {
        for (int i = 0; i < CASES; i++) {
            Case c = randomCase(SEED + i);
            Random r = new Random(c.seed() * 31);
            Instant[][] windows = DayRules.windows(c.plans(), c.zone(), c.policy());
            int day = r.nextInt(windows.length);
            long span = Duration.between(windows[day][0], windows[day][1]).getSeconds();
            if (span <= 0) {
                continue;
            }
            Instant at = windows[day][0].plusSeconds((long) (r.nextDouble() * span));
            List<Punch> more = new ArrayList<>(c.punches());
            more.add(new Punch(r.nextBoolean() ? EventType.IN : EventType.OUT, at));
            more.sort(Comparator.comparing(Punch::time));
            List<List<Punch>> before = DayRules.assign(c.plans(), c.punches(), c.zone(), c.policy());
            List<List<Punch>> after = DayRules.assign(c.plans(), more, c.zone(), c.policy());
            for (int d = 0; d < c.plans().size(); d++) {
                DayRules.Judged was = DayRules.judge(c.plans().get(d), before.get(d), c.zone(), c.policy(), c.now());
                DayRules.Judged is = DayRules.judge(c.plans().get(d), after.get(d), c.zone(), c.policy(), c.now());
                if (d != day) {
                    assertThat(is).as("seed %d: a sighting on day %d changed day %d", c.seed(), day, d).isEqualTo(was);
                }
            }
        }
    }
}
