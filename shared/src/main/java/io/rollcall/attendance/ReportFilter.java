package io.rollcall.attendance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** An organization report's range and filters; {@code department} and {@code userId} are optional. */
public record ReportFilter(LocalDate from, LocalDate to, String department, UUID userId) {

    /** Longest range one report covers. */
    public static final int MAX_DAYS = 366;

    public ReportFilter {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are required (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days");
        }
    }
}
