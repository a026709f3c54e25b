package io.rollcall.attendance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.rollcall.domain.DomainException;

/** An organization report's range and filters; {@code department} and {@code userId} are optional. */
public record ReportFilter(LocalDate from, LocalDate to, String department, UUID userId) {

    /** Longest range one report covers. */
    public static final int MAX_DAYS = 366;

    public ReportFilter {
        if (from == null || to == null) {
            throw DomainException.invalid(from == null ? "from" : "to", "is required (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw DomainException.invalid("to", "to is before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw DomainException.invalid("to", "a report covers at most " + MAX_DAYS + " days");
        }
    }
}
