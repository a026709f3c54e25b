package io.rollcall.leave;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.schedules.WorkCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** leave_requests: the only writer of the table. */
@Repository
public class LeaveRequests {

    public enum Status { PENDING, APPROVED, REJECTED }

    /**
     * A request for leave, {@code from}..{@code to} inclusive; half-day only for one day. {@code personName} is the
     * person's full name, or their username without one (read back, so approvers see who asks).
     */
    public record LeaveRequest(UUID id, UUID userId, UUID leaveTypeId, String leaveTypeCode, LocalDate from, LocalDate to,
                               boolean halfDay, Status status, String note, UUID decidedBy, Instant decidedAt,
                               String decisionNote, Instant createdAt, String personName) {
    }

    private final JdbcClient jdbc;

    public LeaveRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID organizationId, LeaveRequest r) {
        jdbc.sql("""
                        INSERT INTO leave_requests (id, organization_id, user_id, leave_type_id, from_date, to_date,
                            half_day, status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), organizationId, r.userId(), r.leaveTypeId(), r.from(), r.to(), r.halfDay(),
                        r.status().name(), r.note())
                .update();
    }

    /** Decides a PENDING request; false when it is missing, another organization's, or already decided. */
    public boolean decide(UUID organizationId, UUID id, Status status, UUID decidedBy, String note) {
        return jdbc.sql("""
                        UPDATE leave_requests SET status = ?, decided_by = ?, decided_at = now(), decision_note = ?
                        WHERE organization_id = ? AND id = ? AND status = 'PENDING'""")
                .params(status.name(), decidedBy, note, organizationId, id).update() == 1;
    }

    public Optional<LeaveRequest> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + " WHERE r.organization_id = ? AND r.id = ?").params(organizationId, id)
                .query(LeaveRequests::row).optional();
    }

    /** Newest first; {@code userId} or {@code status} null for any. */
    public List<LeaveRequest> list(UUID organizationId, UUID userId, Status status, int limit) {
        return jdbc.sql(SELECT + """
                         WHERE r.organization_id = :org AND (CAST(:user AS uuid) IS NULL OR r.user_id = :user)
                          AND (CAST(:status AS text) IS NULL OR r.status = :status)
                        ORDER BY r.from_date DESC, r.created_at DESC LIMIT :limit""")
                .param("org", organizationId).param("user", userId).param("status", status == null ? null : status.name())
                .param("limit", limit)
                .query(LeaveRequests::row).list();
    }

    /** The person's PENDING or APPROVED requests that share a day with {@code from}..{@code to}. */
    public boolean overlapsOpen(UUID organizationId, UUID userId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM leave_requests WHERE organization_id = ? AND user_id = ?
                          AND status IN ('PENDING', 'APPROVED') AND from_date <= ? AND to_date >= ?)""")
                .params(organizationId, userId, to, from).query(Boolean.class).single();
    }

    /** The organization's approved leave sharing a day with the range: what WorkCalendar takes. */
    public List<WorkCalendar.Leave> approved(UUID organizationId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT r.user_id, r.from_date, r.to_date, r.half_day, t.code FROM leave_requests r
                        JOIN leave_types t ON t.id = r.leave_type_id
                        WHERE r.organization_id = ? AND r.status = 'APPROVED' AND r.from_date <= ? AND r.to_date >= ?""")
                .params(organizationId, to, from)
                .query((rs, i) -> new WorkCalendar.Leave(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class), rs.getBoolean(4), rs.getString(5)))
                .list();
    }

    /** Serializes the requests of one person until the transaction ends (the overlap check). */
    public void lockPerson(UUID userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("leave:" + userId).query((rs, i) -> 1).single();
    }

    private static final String SELECT = """
            SELECT r.id, r.user_id, r.leave_type_id, t.code, r.from_date, r.to_date, r.half_day, r.status, r.note,
                   r.decided_by, r.decided_at, r.decision_note, r.created_at,
                   COALESCE(NULLIF(p.full_name, ''), u.username)
            FROM leave_requests r JOIN leave_types t ON t.id = r.leave_type_id
            JOIN users u ON u.id = r.user_id LEFT JOIN user_profiles p ON p.user_id = r.user_id""";

    private static LeaveRequest row(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp(11);
        return new LeaveRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getBoolean(7),
                Status.valueOf(rs.getString(8)), rs.getString(9), rs.getObject(10, UUID.class),
                decided == null ? null : decided.toInstant(), rs.getString(12), rs.getTimestamp(13).toInstant(),
                rs.getString(14));
    }
}
