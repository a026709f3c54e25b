package io.rollcall.timesheets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.domain.DomainException;
import io.rollcall.schedules.PeriodTotals;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A timesheet's life: approve (ADMIN or OPERATOR; its figures fixed as they are now), lock (nothing of the
 * period changes any more), reopen (an ADMIN, with a reason; back to DRAFT). Each acts on the period that
 * contains a date, for the people named or - with none named - for the whole period; all or none, every change
 * audited, one organization's changes one at a time.
 */
@Service
public class TimesheetService {

    /** What a transition did: the period and the timesheets it moved. */
    public record Outcome(PayPeriod period, TimesheetState state, List<UUID> timesheetIds) {
    }

    static final int MAX_REASON = 500;
    /** People named in one call; the whole period (no names) has no limit. */
    static final int MAX_PEOPLE = 1000;

    private final TransactionTemplate transactions;
    private final TimesheetViews views;
    private final TimesheetDirectory directory;
    private final Timesheets timesheets;
    private final PeriodTotals totals;
    private final AuditTrail audit;

    public TimesheetService(TransactionTemplate transactions, TimesheetViews views, TimesheetDirectory directory,
                            Timesheets timesheets, PeriodTotals totals, AuditTrail audit) {
        this.transactions = transactions;
        this.views = views;
        this.directory = directory;
        this.timesheets = timesheets;
        this.totals = totals;
        this.audit = audit;
    }

    /** DRAFT → APPROVED for {@code userIds}, or for every draft of the period when null. */
    public Outcome approve(Actor actor, LocalDate date, List<UUID> userIds) {
        UUID org = actor.organizationId();
        return transactions.execute(tx -> {
            timesheets.lockOrganization(org, true);
            PayPeriod period = views.period(org, date);
            List<UUID> users;
            Map<UUID, Timesheets.Row> rows;
            if (userIds == null) {
                users = directory.drafts(org, period.start(), views.endsAt(org, period));
                rows = byUser(timesheets.forPeriod(org, period.start(), users));
            } else {
                requirePeople(org, userIds);
                users = userIds;
                rows = byUser(timesheets.forPeriod(org, period.start(), users));
                refuseStates(userIds, rows, s -> s != TimesheetState.DRAFT, "already_approved",
                        "is already approved or locked for " + period);
            }
            if (users.isEmpty()) {
                return new Outcome(period, TimesheetState.APPROVED, List.of());
            }
            clearOtherPeriods(org, users, period);
            Map<UUID, Timesheets.Approval> approvals = new LinkedHashMap<>();
            totals.forEachPerson(org, period.start(), period.end(), users, t -> {
                Timesheets.Row row = rows.get(t.userId());
                approvals.put(t.userId(), new Timesheets.Approval(row == null ? UUID.randomUUID() : row.id(), org,
                        t.userId(), period, t.username(), t.fullName(), t.employeeCode(), t.department(),
                        Timesheet.Figures.of(t)));
            });
            List<UUID> missing = users.stream().filter(u -> !approvals.containsKey(u)).toList();
            if (!missing.isEmpty()) {
                // never approve figures that were not computed
                throw TimesheetException.wrongState("no_totals", "no totals could be computed for " + missing.size()
                        + " of the people of " + period, Map.of("userIds", "no totals for " + missing));
            }
            List<Timesheets.Approval> list = List.copyOf(approvals.values());
            timesheets.approve(list, actor.userId(), Instant.now());
            List<UUID> ids = list.stream().map(Timesheets.Approval::id).toList();
            audit.recordAll(actor, AuditAction.TIMESHEET_APPROVED, ids.stream().map(UUID::toString).toList());
            return new Outcome(period, TimesheetState.APPROVED, ids);
        });
    }

    /** APPROVED → LOCKED for {@code userIds}, or for the whole period when null (which must have no drafts left). */
    public Outcome lock(Actor actor, LocalDate date, List<UUID> userIds) {
        UUID org = actor.organizationId();
        return transactions.execute(tx -> {
            timesheets.lockOrganization(org, true);
            PayPeriod period = views.period(org, date);
            List<Timesheets.Row> toLock;
            if (userIds == null) {
                int drafts = directory.drafts(org, period.start(), views.endsAt(org, period)).size();
                if (drafts > 0) {
                    throw TimesheetException.wrongState("period_not_approved", drafts + " timesheet(s) of " + period
                            + " are still drafts: approve them before locking the period",
                            Map.of("date", period + " has " + drafts + " draft timesheet(s)"));
                }
                toLock = timesheets.forPeriod(org, period.start(), null).stream()
                        .filter(r -> r.state() == TimesheetState.APPROVED).toList();
                if (toLock.isEmpty()) {
                    throw TimesheetException.wrongState("nothing_to_lock", "no approved timesheet of " + period + " to lock",
                            Map.of("date", period + " has no approved timesheet"));
                }
            } else {
                requirePeople(org, userIds);
                Map<UUID, Timesheets.Row> rows = byUser(timesheets.forPeriod(org, period.start(), userIds));
                refuseStates(userIds, rows, s -> s != TimesheetState.APPROVED, "not_approved",
                        "must be approved (and not yet locked) for " + period + " before it is locked");
                toLock = userIds.stream().map(rows::get).toList();
            }
            List<UUID> ids = toLock.stream().map(Timesheets.Row::id).toList();
            timesheets.lock(org, ids, actor.userId(), Instant.now());
            audit.recordAll(actor, AuditAction.TIMESHEET_LOCKED, ids.stream().map(UUID::toString).toList());
            return new Outcome(period, TimesheetState.LOCKED, ids);
        });
    }

    /** APPROVED or LOCKED → DRAFT, with the reason kept on the timesheet; the whole period's when {@code userIds} is null. */
    public Outcome reopen(Actor actor, LocalDate date, List<UUID> userIds, String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
            throw DomainException.invalid("reason", "is required, at most " + MAX_REASON + " characters");
        }
        UUID org = actor.organizationId();
        return transactions.execute(tx -> {
            timesheets.lockOrganization(org, true);
            PayPeriod period = views.period(org, date);
            List<Timesheets.Row> toReopen;
            if (userIds == null) {
                toReopen = timesheets.forPeriod(org, period.start(), null).stream()
                        .filter(r -> r.state() != TimesheetState.DRAFT).toList();
                if (toReopen.isEmpty()) {
                    throw TimesheetException.wrongState("nothing_to_reopen", "no approved or locked timesheet of " + period,
                            Map.of("date", period + " has only drafts"));
                }
            } else {
                requirePeople(org, userIds);
                Map<UUID, Timesheets.Row> rows = byUser(timesheets.forPeriod(org, period.start(), userIds));
                refuseStates(userIds, rows, s -> s == TimesheetState.DRAFT, "not_approved",
                        "is a draft for " + period + ": there is nothing to reopen");
                toReopen = userIds.stream().map(rows::get).toList();
            }
            List<UUID> ids = timesheets.returnToDraft(org, toReopen.stream().map(Timesheets.Row::id).toList(),
                    actor.userId(), Instant.now(), reason.strip());
            audit.recordAll(actor, AuditAction.TIMESHEET_REOPENED, ids.stream().map(UUID::toString).toList());
            return new Outcome(period, TimesheetState.DRAFT, ids);
        });
    }

    /** Another organization's person answers exactly like one that does not exist. */
    private void requirePeople(UUID org, List<UUID> userIds) {
        if (userIds.isEmpty() || userIds.size() > MAX_PEOPLE || userIds.stream().distinct().count() < userIds.size()) {
            throw DomainException.invalid("userIds", "1 to " + MAX_PEOPLE + " distinct people, or none for the whole period");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            if (userIds.get(i) == null || directory.person(org, userIds.get(i)).isEmpty()) {
                problems.put("userIds[" + i + "]", "no such person in this organization");
            }
        }
        if (!problems.isEmpty()) {
            throw TimesheetException.notFound("timesheet", problems);
        }
    }

    /** 409 naming each person whose timesheet is in a state the transition does not start from. */
    private static void refuseStates(List<UUID> userIds, Map<UUID, Timesheets.Row> rows,
                                     java.util.function.Predicate<TimesheetState> refused, String code, String problem) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            Timesheets.Row row = rows.get(userIds.get(i));
            TimesheetState state = row == null ? TimesheetState.DRAFT : row.state();
            if (refused.test(state)) {
                problems.put("userIds[" + i + "]", "the timesheet is " + state + ": it " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw TimesheetException.wrongState(code, problems.size() + " timesheet(s) cannot change", problems);
        }
    }

    /**
     * Rows of these people under an earlier pay period rule that overlap this period: drafts go (they hold no
     * figures); an approved or locked one refuses, since a day cannot be paid twice.
     */
    private void clearOtherPeriods(UUID org, List<UUID> users, PayPeriod period) {
        List<Timesheets.Row> overlapping = timesheets.overlappingOtherPeriods(org, users, period);
        List<Timesheets.Row> kept = overlapping.stream().filter(r -> r.state() != TimesheetState.DRAFT).toList();
        if (!kept.isEmpty()) {
            Timesheets.Row first = kept.get(0);
            throw TimesheetException.wrongState("period_overlaps", kept.size() + " timesheet(s) of an earlier pay period rule overlap "
                    + period, Map.of("date", first.username() + "'s timesheet " + first.period() + " is " + first.state()
                    + " and overlaps " + period + ": reopen it first"));
        }
        List<UUID> drafts = overlapping.stream().map(Timesheets.Row::id).toList();
        if (!drafts.isEmpty()) {
            timesheets.deleteDrafts(org, drafts);
        }
    }

    private static Map<UUID, Timesheets.Row> byUser(List<Timesheets.Row> rows) {
        return rows.stream().collect(Collectors.toMap(Timesheets.Row::userId, Function.identity()));
    }
}
