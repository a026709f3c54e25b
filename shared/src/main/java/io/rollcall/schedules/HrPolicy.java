package io.rollcall.schedules;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * An organization's rules for judging a day (configuration keys hr.*, docs/hr.md).
 *
 * @param graceMinutes          a first IN this long after the start is not LATE, a last OUT this long before the end not EARLY_LEAVE
 * @param absentBelowMinutes    a scheduled day with fewer worked minutes is ABSENT
 * @param halfDayBelowMinutes   ... and with fewer than these (but not absent) a HALF_DAY
 * @param missingOutAfterHours  an IN with no OUT by the shift's end plus this is MISSING_OUT
 * @param workedMinutes         how worked minutes are counted
 * @param dailyOvertime         tiers over a day's worked minutes, by ascending threshold
 * @param weeklyOvertime        the tier over a week's (Monday to Sunday) regular minutes; null for none
 */
public record HrPolicy(int graceMinutes, int absentBelowMinutes, int halfDayBelowMinutes, int missingOutAfterHours,
                       WorkedMinutes workedMinutes, List<OvertimeTier> dailyOvertime, OvertimeTier weeklyOvertime) {

    /** First IN to last OUT less the shift's break, or the sum of every IN→OUT pair (breaks taken out are not counted). */
    public enum WorkedMinutes { FIRST_LAST, PAIRS }

    /** Minutes past {@code afterMinutes} are paid at {@code multiplier}; its name is that multiplier, e.g. "1.5x". */
    public record OvertimeTier(int afterMinutes, BigDecimal multiplier) {

        public String name() {
            return multiplier.stripTrailingZeros().toPlainString() + "x";
        }
    }

    public HrPolicy {
        dailyOvertime = dailyOvertime.stream().sorted(Comparator.comparingInt(OvertimeTier::afterMinutes)).toList();
    }

    public static final HrPolicy DEFAULTS = new HrPolicy(5, 120, 240, 4, WorkedMinutes.FIRST_LAST,
            List.of(new OvertimeTier(480, new BigDecimal("1.5"))), new OvertimeTier(2400, new BigDecimal("1.5")));
}
