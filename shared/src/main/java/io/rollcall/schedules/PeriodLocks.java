package io.rollcall.schedules;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.audit.Actor;

/**
 * Whether days are in a locked pay period: implemented by the timesheets feature (hr-payroll), asked by leave
 * before it requests or approves days off, and
 * tells when an approval changes days of an approved timesheet. With no bean of this type nothing is locked.
 */
public interface PeriodLocks {

    /** The first day of {@code from}..{@code to} that is in a locked period for the person, if any. */
    Optional<LocalDate> firstLockedDay(UUID organizationId, UUID userId, LocalDate from, LocalDate to);

    /**
     * Inside the transaction that changes the person's days {@code from}..{@code to} (an approved leave): refuses
     * a locked period (409 naming {@code field}); an approved timesheet over those days goes back to DRAFT.
     */
    void beforeChange(Actor actor, UUID userId, LocalDate from, LocalDate to, String field);

    /**
     * The same for a change to many people's calendar (a holiday, a schedule assignment) over {@code from}..{@code to}:
     * refuses when the organization's period there is locked; approved timesheets there go back to DRAFT.
     */
    void beforeCalendarChange(Actor actor, LocalDate from, LocalDate to, String field);
}
