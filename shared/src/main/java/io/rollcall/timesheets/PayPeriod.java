package io.rollcall.timesheets;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** One pay period: its kind and its first and last day (inclusive, organization-local dates). */
public record PayPeriod(PayPeriodType type, LocalDate start, LocalDate end) {

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(start, end) + 1;
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
