package io.rollcall.timesheets;

import java.util.Map;

import io.rollcall.domain.DomainException;

/** What the timesheets refuse: a locked period, a transition its state does not allow, an unapproved export. */
public class TimesheetException extends DomainException {

    private TimesheetException(Kind kind, String code, String message, Map<String, String> fields) {
        super(kind, code, message, fields);
    }

    /** A change to a day of a locked period (409 period_locked). */
    public static TimesheetException periodLocked(String field, PayPeriod period, java.time.LocalDate date) {
        return new TimesheetException(Kind.CONFLICT, "period_locked", "the pay period " + period + " is locked: " + date
                + " cannot change until an ADMIN reopens its timesheet", Map.of(field, date + " is in the locked period " + period));
    }

    /** A transition the timesheet's state does not allow (409), e.g. locking a draft. */
    public static TimesheetException wrongState(String code, String message, Map<String, String> fields) {
        return new TimesheetException(Kind.CONFLICT, code, message, fields);
    }

    /** 404 naming the inputs: another organization's person looks exactly like a missing one. */
    public static TimesheetException notFound(String what, Map<String, String> fields) {
        return new TimesheetException(Kind.NOT_FOUND, null, what + " not found", fields);
    }

    /** An export of a period that is not wholly approved (409 period_not_approved). */
    public static TimesheetException notApproved(PayPeriod period, String problem) {
        return new TimesheetException(Kind.CONFLICT, "period_not_approved", "the pay period " + period
                + " is not approved: " + problem, Map.of("date", problem));
    }
}
