package io.rollcall.schedules;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether days are in a locked pay period: implemented by the timesheets feature (hr-payroll), asked by leave
 * before it requests or approves days off. With no bean of this type nothing is locked.
 */
public interface PeriodLocks {

    /** The first day of {@code from}..{@code to} that is in a locked period for the person, if any. */
    Optional<LocalDate> firstLockedDay(UUID organizationId, UUID userId, LocalDate from, LocalDate to);
}
