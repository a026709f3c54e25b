package io.rollcall.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A person's range of days summed by the overtime rules, storage-free (docs/hr.md). Daily tiers take a workday's
 * minutes over their thresholds; what stays regular counts toward the week (Monday to Sunday), whose minutes over
 * the weekly threshold become the weekly tier. Work on holidays and days off is kept apart, never overtime.
 */
public final class PeriodRules {

    private PeriodRules() {
    }

    /** The Monday a period's judgement starts on: the weekly threshold counts the whole week of {@code from}. */
    public static LocalDate judgedFrom(LocalDate from) {
        return from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The sums of a person's days {@code from}..the last plan. */
    public record Sums(int regularMinutes, Map<String, Integer> overtimeMinutesByTier,
                       Map<String, Integer> leaveMinutesByType, int holidayMinutes, int holidayWorkedMinutes,
                       int dayOffWorkedMinutes, List<DayRules.Judged> days) {
    }

    /**
     * @param plans   consecutive days from {@link #judgedFrom}(from) (or earlier) to the period's end
     * @param punches the person's accepted events over those days and the morning after, in time order
     */
    public static Sums sum(List<DayRules.DayPlan> plans, List<DayRules.Punch> punches, LocalDate from, ZoneId zone,
                           HrPolicy policy, Instant now) {
        List<List<DayRules.Punch>> byDay = DayRules.assign(plans, punches, zone, policy);
        int regular = 0;
        int holidayMinutes = 0;
        int holidayWorked = 0;
        int dayOffWorked = 0;
        Map<String, Integer> overtime = new TreeMap<>();
        Map<String, Integer> leave = new TreeMap<>();
        List<DayRules.Judged> days = new ArrayList<>();
        int weekRegular = 0;
        for (int i = 0; i < plans.size(); i++) {
            DayRules.DayPlan plan = plans.get(i);
            if (plan.date().getDayOfWeek() == DayOfWeek.MONDAY) {
                weekRegular = 0;
            }
            DayRules.Judged day = DayRules.judge(plan, byDay.get(i), zone, policy, now);
            boolean counted = !plan.date().isBefore(from);
            if (counted) {
                days.add(day);
                holidayMinutes += day.holidayMinutes();
                if (day.leaveType() != null && day.leaveMinutes() > 0) {
                    leave.merge(day.leaveType(), day.leaveMinutes(), Integer::sum);
                }
            }
            switch (day.kind()) {
                case HOLIDAY -> holidayWorked += counted ? day.workedMinutes() : 0;
                case DAY_OFF -> dayOffWorked += counted ? day.workedMinutes() : 0;
                case WORKDAY -> {
                    int dayRegular = day.workedMinutes();
                    List<HrPolicy.OvertimeTier> tiers = policy.dailyOvertime();
                    for (int t = 0; t < tiers.size(); t++) {
                        int after = tiers.get(t).afterMinutes();
                        int upTo = t + 1 < tiers.size() ? tiers.get(t + 1).afterMinutes() : Integer.MAX_VALUE;
                        int inTier = Math.max(0, Math.min(day.workedMinutes(), upTo) - after);
                        if (inTier > 0) {
                            dayRegular -= inTier;
                            if (counted) {
                                overtime.merge(tiers.get(t).name(), inTier, Integer::sum);
                            }
                        }
                    }
                    HrPolicy.OvertimeTier weekly = policy.weeklyOvertime();
                    if (weekly != null && weekRegular + dayRegular > weekly.afterMinutes()) {
                        int over = weekRegular + dayRegular - Math.max(weekly.afterMinutes(), weekRegular);
                        dayRegular -= over;
                        if (counted) {
                            overtime.merge(weekly.name(), over, Integer::sum);
                        }
                    }
                    weekRegular += dayRegular;
                    regular += counted ? dayRegular : 0;
                }
            }
        }
        return new Sums(regular, overtime, leave, holidayMinutes, holidayWorked, dayOffWorked, days);
    }
}
