package io.rollcall.leave;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.schedules.HrException;
import io.rollcall.schedules.PeriodLocks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leave's life cycle: an ADMIN defines the types; a person requests leave for themselves; an ADMIN or OPERATOR
 * approves or rejects it once. Approved leave makes its days ON_LEAVE (schedules.WorkCalendar). Audited.
 */
@Service
public class LeaveService {

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,29}");
    static final int MAX_DAYS = 366;

    public record NewLeaveType(String code, String name, Boolean paid) {
    }

    public record NewRequest(UUID leaveTypeId, LocalDate from, LocalDate to, Boolean halfDay, String note) {
    }

    public enum Decision { APPROVED, REJECTED }

    private final TransactionTemplate tx;
    private final LeaveTypes types;
    private final LeaveRequests requests;
    private final AttendanceDirectory directory;
    private final ObjectProvider<PeriodLocks> locks;
    private final AuditTrail audit;

    public LeaveService(TransactionTemplate tx, LeaveTypes types, LeaveRequests requests, AttendanceDirectory directory,
                        ObjectProvider<PeriodLocks> locks, AuditTrail audit) {
        this.tx = tx;
        this.types = types;
        this.requests = requests;
        this.directory = directory;
        this.locks = locks;
        this.audit = audit;
    }

    public List<LeaveTypes.LeaveType> types(UUID organizationId) {
        return types.list(organizationId);
    }

    public LeaveTypes.LeaveType createType(Actor actor, NewLeaveType request) {
        Map<String, String> problems = new LinkedHashMap<>();
        String code = request.code() == null ? "" : request.code().strip();
        if (!CODE.matcher(code).matches()) {
            problems.put("code", "must be 1-30 capital letters, digits or _, starting with a letter (e.g. VAC, SICK)");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.put("name", "is required, at most 100 characters");
        }
        if (!problems.isEmpty()) {
            throw HrException.invalid(problems);
        }
        LeaveTypes.LeaveType type = new LeaveTypes.LeaveType(UUID.randomUUID(), code, name,
                request.paid() == null || request.paid());
        tx.executeWithoutResult(s -> {
            if (!types.insert(actor.organizationId(), type)) {
                throw HrException.conflict("duplicate_code", "code", "a leave type already has the code " + code);
            }
            audit.record(actor, AuditAction.LEAVE_TYPE_CREATED, type.id());
        });
        return type;
    }

    /** A person asks for leave for themselves (the actor). */
    public LeaveRequests.LeaveRequest request(Actor actor, NewRequest request) {
        UUID org = actor.organizationId();
        UUID user = actor.userId();
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<LeaveTypes.LeaveType> type = request.leaveTypeId() == null ? Optional.empty()
                : types.find(org, request.leaveTypeId());
        if (type.isEmpty()) {
            problems.put("leaveTypeId", "is not a leave type of this organization");
        }
        if (request.from() == null) {
            problems.put("from", "is required (YYYY-MM-DD)");
        }
        LocalDate to = request.to() == null ? request.from() : request.to();
        boolean half = Boolean.TRUE.equals(request.halfDay());
        if (request.from() != null) {
            if (to.isBefore(request.from())) {
                problems.put("to", "must be on or after from");
            } else if (ChronoUnit.DAYS.between(request.from(), to) >= MAX_DAYS) {
                problems.put("to", "a request covers at most " + MAX_DAYS + " days");
            } else if (half && !to.equals(request.from())) {
                problems.put("halfDay", "is for a one-day request only");
            }
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note != null && note.length() > 500) {
            problems.put("note", "at most 500 characters");
        }
        if (user == null || directory.person(org, user).filter(AttendanceDirectory.Person::canAttend).isEmpty()) {
            problems.put("userId", "only a person of the organization can request leave");
        }
        if (!problems.isEmpty()) {
            throw HrException.invalid(problems);
        }
        refuseLocked(org, user, request.from(), to);
        LeaveRequests.LeaveRequest created = new LeaveRequests.LeaveRequest(UUID.randomUUID(), user, type.get().id(),
                type.get().code(), request.from(), to, half, LeaveRequests.Status.PENDING, note, null, null, null, null, null);
        tx.executeWithoutResult(s -> {
            requests.lockPerson(user);
            if (requests.overlapsOpen(org, user, created.from(), created.to())) {
                throw HrException.conflict("overlapping_leave", "from", "you already have pending or approved leave on one of these days");
            }
            requests.insert(org, created);
            audit.record(actor, AuditAction.LEAVE_REQUESTED, created.id());
        });
        return requests.find(org, created.id()).orElseThrow();
    }

    /** An ADMIN or OPERATOR decides a pending request once. */
    public LeaveRequests.LeaveRequest decide(Actor actor, UUID id, Decision decision, String note) {
        UUID org = actor.organizationId();
        if (decision == null) {
            throw HrException.invalid("decision", "must be APPROVED or REJECTED");
        }
        String n = note == null || note.isBlank() ? null : note.strip();
        if (n != null && n.length() > 500) {
            throw HrException.invalid("note", "at most 500 characters");
        }
        LeaveRequests.LeaveRequest request = requests.find(org, id).orElseThrow(() -> HrException.notFound("leave request"));
        if (decision == Decision.APPROVED) {
            refuseLocked(org, request.userId(), request.from(), request.to());
        }
        tx.executeWithoutResult(s -> {
            if (!requests.decide(org, id, LeaveRequests.Status.valueOf(decision.name()), actor.userId(), n)) {
                throw HrException.conflict("already_decided", "decision", "the request was already " + request.status());
            }
            if (decision == Decision.APPROVED) {
                // the approved days are now ON_LEAVE: an approved timesheet over them no longer holds
                locks.ifAvailable(l -> l.beforeChange(actor, request.userId(), request.from(), request.to(), "from"));
            }
            audit.record(actor, decision == Decision.APPROVED ? AuditAction.LEAVE_APPROVED : AuditAction.LEAVE_REJECTED, id);
        });
        return requests.find(org, id).orElseThrow();
    }

    /** A USER's own requests; staff see anyone's ({@code userId} null: everyone's). */
    public List<LeaveRequests.LeaveRequest> list(UUID organizationId, UUID userId, LeaveRequests.Status status, int limit) {
        return requests.list(organizationId, userId, status, limit);
    }

    private void refuseLocked(UUID org, UUID user, LocalDate from, LocalDate to) {
        PeriodLocks periodLocks = locks.getIfAvailable();
        if (periodLocks != null) {
            periodLocks.firstLockedDay(org, user, from, to).ifPresent(day -> {
                throw HrException.conflict("period_locked", "from", day + " is in a locked pay period");
            });
        }
    }
}
