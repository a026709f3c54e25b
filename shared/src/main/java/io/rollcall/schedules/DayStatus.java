package io.rollcall.schedules;

/**
 * What a person's day was, against their schedule, in the organization's time zone (docs/hr.md).
 * A day has one primary status; LATE, EARLY_LEAVE and MISSING_OUT may also appear among its exceptions.
 */
public enum DayStatus {
    PRESENT, LATE, EARLY_LEAVE, HALF_DAY, ABSENT, MISSING_OUT, ON_LEAVE, HOLIDAY, OFF
}
