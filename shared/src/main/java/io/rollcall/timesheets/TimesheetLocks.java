package io.rollcall.timesheets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.schedules.PeriodLocks;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What every change to a person's days asks first (a manual correction, a late sighting, an API event, a leave
 * request): a day of a LOCKED timesheet cannot change (409 {@code period_locked}), and an APPROVED timesheet
 * whose days change goes back to DRAFT, since what was approved no longer holds. It is the schedules feature's
 * {@link PeriodLocks} too, which leave asks before a request or an approval.
 */
@Component
public class TimesheetLocks implements PeriodLocks {

    /** One person's day, of a batch of changes. */
    public record PersonDay(UUID userId, LocalDate date) {
    }

    private final Timesheets timesheets;
    private final AuditTrail audit;

    public TimesheetLocks(Timesheets timesheets, AuditTrail audit) {
        this.timesheets = timesheets;
        this.audit = audit;
    }

    /** A check before anything is written (a leave request, an API event to queue); {@code field} names the input. */
    public void requireOpen(UUID organizationId, UUID userId, LocalDate from, LocalDate to, String field) {
        for (Timesheets.Row row : timesheets.covering(organizationId, userId, from, to)) {
            if (row.state() == TimesheetState.LOCKED) {
                throw TimesheetException.periodLocked(field, row.period(), later(from, row.period().start()));
            }
        }
    }

    /** The first day of {@code from..to} in a LOCKED timesheet of the person (leave's question). */
    @Override
    public Optional<LocalDate> firstLockedDay(UUID organizationId, UUID userId, LocalDate from, LocalDate to) {
        return timesheets.covering(organizationId, userId, from, to).stream()
                .filter(r -> r.state() == TimesheetState.LOCKED)
                .map(r -> later(from, r.period().start())).findFirst();
    }

    public void requireOpen(UUID organizationId, UUID userId, LocalDate date, String field) {
        requireOpen(organizationId, userId, date, date, field);
    }

    /**
     * Inside the transaction that changes the person's days {@code from..to}, before the change: refuses a locked
     * period; returns an approved one to DRAFT (audited under {@code actor}). Holds the organization's timesheet
     * lock shared until the transaction ends, so no approval or lock slips between this check and the change.
     */
    @Override
    public void beforeChange(Actor actor, UUID userId, LocalDate from, LocalDate to, String field) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("TimesheetLocks.beforeChange belongs inside the change's transaction");
        }
        UUID org = actor.organizationId();
        timesheets.lockOrganization(org, false);
        List<Timesheets.Row> rows = timesheets.covering(org, userId, from, to);
        for (Timesheets.Row row : rows) {
            if (row.state() == TimesheetState.LOCKED) {
                throw TimesheetException.periodLocked(field, row.period(), later(from, row.period().start()));
            }
        }
        List<UUID> approved = rows.stream().filter(r -> r.state() == TimesheetState.APPROVED).map(Timesheets.Row::id).toList();
        if (!approved.isEmpty()) {
            List<UUID> returned = timesheets.returnToDraft(org, approved, actor.userId(), Instant.now(), null);
            audit.recordAll(actor, AuditAction.TIMESHEET_RETURNED_TO_DRAFT, returned.stream().map(UUID::toString).toList());
        }
    }

    /**
     * {@link #beforeChange} for many people's days at once (a batch of sightings), with one lock and one query:
     * answers the days that are in a LOCKED timesheet (to be refused); APPROVED timesheets covering any of the
     * other days return to DRAFT. Inside the change's transaction.
     */
    public Set<PersonDay> beforeChanges(Actor actor, Collection<PersonDay> days) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("TimesheetLocks.beforeChanges belongs inside the change's transaction");
        }
        Set<PersonDay> locked = new LinkedHashSet<>();
        if (days.isEmpty()) {
            return locked;
        }
        UUID org = actor.organizationId();
        timesheets.lockOrganization(org, false);
        LocalDate from = days.stream().map(PersonDay::date).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = days.stream().map(PersonDay::date).max(LocalDate::compareTo).orElseThrow();
        Map<UUID, List<Timesheets.Row>> rows = timesheets.covering(org, days.stream().map(PersonDay::userId)
                .collect(Collectors.toSet()), from, to).stream().collect(Collectors.groupingBy(Timesheets.Row::userId));
        Set<UUID> approved = new LinkedHashSet<>();
        for (PersonDay day : days) {
            for (Timesheets.Row row : rows.getOrDefault(day.userId(), List.of())) {
                if (row.period().contains(day.date())) {
                    if (row.state() == TimesheetState.LOCKED) {
                        locked.add(day);
                    } else if (row.state() == TimesheetState.APPROVED) {
                        approved.add(row.id());
                    }
                }
            }
        }
        if (!approved.isEmpty()) {
            List<UUID> returned = timesheets.returnToDraft(org, new ArrayList<>(approved), actor.userId(), Instant.now(), null);
            audit.recordAll(actor, AuditAction.TIMESHEET_RETURNED_TO_DRAFT, returned.stream().map(UUID::toString).toList());
        }
        return locked;
    }

    public void beforeChange(Actor actor, UUID userId, LocalDate date, String field) {
        beforeChange(actor, userId, date, date, field);
    }

    /**
     * Inside the transaction of a change to the calendar of many people (a holiday, a schedule assignment) over
     * {@code from..to}: refuses when a timesheet of the organization there is locked (a period is locked whole),
     * and returns the approved ones there to DRAFT, since their figures may no longer hold.
     */
    @Override
    public void beforeCalendarChange(Actor actor, LocalDate from, LocalDate to, String field) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("TimesheetLocks.beforeCalendarChange belongs inside the change's transaction");
        }
        UUID org = actor.organizationId();
        timesheets.lockOrganization(org, false);
        timesheets.anyLocked(org, from, to).ifPresent(period ->
                { throw TimesheetException.periodLocked(field, period, later(from, period.start())); });
        List<UUID> approved = timesheets.approvedCovering(org, from, to);
        if (!approved.isEmpty()) {
            List<UUID> returned = timesheets.returnToDraft(org, approved, actor.userId(), Instant.now(), null);
            audit.recordAll(actor, AuditAction.TIMESHEET_RETURNED_TO_DRAFT, returned.stream().map(UUID::toString).toList());
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
