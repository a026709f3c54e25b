package io.rollcall.timesheets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * timesheets, one row per person and pay period once approved: the only writer of the table. Its state changes
 * are serialized per organization ({@link #lockOrganization}), and so are they against changes to the days.
 */
@Repository
public class Timesheets {

    /** A stored timesheet; {@code figures} null while DRAFT. */
    public record Row(UUID id, UUID organizationId, UUID userId, PayPeriod period, TimesheetState state, String username,
                      String fullName, String employeeCode, String department, Timesheet.Figures figures,
                      Timesheet.History history) {
    }

    /** A person's period as approved: the figures and who they were approved as. */
    public record Approval(UUID id, UUID organizationId, UUID userId, PayPeriod period, String username, String fullName,
                           String employeeCode, String department, Timesheet.Figures figures) {
    }

    private static final TypeReference<TreeMap<String, Integer>> MINUTES = new TypeReference<>() { };
    /** Rows a streamed read holds at a time. */
    private static final int FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JdbcTemplate streaming;
    private final JsonMapper json;

    public Timesheets(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.json = json;
    }

    /**
     * Until the transaction ends: exclusive for a change of the organization's timesheet states, shared for a
     * change of someone's days (which must see the states as they are, and must not slip under an approval).
     */
    public void lockOrganization(UUID organizationId, boolean exclusive) {
        jdbc.sql("SELECT " + (exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared") + "(hashtextextended(?, 0))")
                .param("timesheets:" + organizationId).query((rs, i) -> 1).single();
    }

    public Optional<Row> find(UUID organizationId, UUID userId, LocalDate periodStart) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND user_id = ? AND period_start = ?")
                .params(organizationId, userId, periodStart).query(this::row).optional();
    }

    /** The period's rows, of {@code users} only when not null. */
    public List<Row> forPeriod(UUID organizationId, LocalDate periodStart, Collection<UUID> users) {
        return jdbc.sql(SELECT + " WHERE organization_id = :org AND period_start = :start"
                        + (users == null ? "" : " AND user_id = ANY(:users)") + " ORDER BY username, user_id")
                .param("org", organizationId).param("start", periodStart)
                .param("users", users == null ? null : users.toArray(UUID[]::new))
                .query(this::row).list();
    }

    /** The person's rows whose period shares a day with {@code from..to}. */
    public List<Row> covering(UUID organizationId, UUID userId, LocalDate from, LocalDate to) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND user_id = ? AND period_end >= ? AND period_start <= ?"
                        + " ORDER BY period_start")
                .params(organizationId, userId, from, to).query(this::row).list();
    }

    /** The rows of any of {@code users} whose period shares a day with {@code from..to}. */
    public List<Row> covering(UUID organizationId, Collection<UUID> users, LocalDate from, LocalDate to) {
        return jdbc.sql(SELECT + " WHERE organization_id = :org AND user_id = ANY(:users) AND period_end >= :from"
                        + " AND period_start <= :to ORDER BY period_start")
                .param("org", organizationId).param("users", users.toArray(UUID[]::new)).param("from", from)
                .param("to", to).query(this::row).list();
    }

    /** Whether any LOCKED row of the organization shares a day with {@code from..to}; the first one's period. */
    public Optional<PayPeriod> anyLocked(UUID organizationId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT period_type, period_start, period_end FROM timesheets
                        WHERE organization_id = ? AND state = 'LOCKED' AND period_end >= ? AND period_start <= ?
                        ORDER BY period_start LIMIT 1""")
                .params(organizationId, from, to)
                .query((rs, i) -> new PayPeriod(PayPeriodType.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class))).optional();
    }

    /** The ids of the organization's APPROVED rows whose period shares a day with {@code from..to}. */
    public List<UUID> approvedCovering(UUID organizationId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT id FROM timesheets
                        WHERE organization_id = ? AND state = 'APPROVED' AND period_end >= ? AND period_start <= ?""")
                .params(organizationId, from, to).query(UUID.class).list();
    }

    /** Rows of {@code users} whose period overlaps {@code period} without being it (the pay period rule changed). */
    public List<Row> overlappingOtherPeriods(UUID organizationId, Collection<UUID> users, PayPeriod period) {
        return jdbc.sql(SELECT + " " + """
                         WHERE organization_id = :org AND user_id = ANY(:users) AND period_start <> :start
                           AND period_end >= :start AND period_start <= :end""")
                .param("org", organizationId).param("users", users.toArray(UUID[]::new))
                .param("start", period.start()).param("end", period.end())
                .query(this::row).list();
    }

    /** Writes the approvals: new rows, or DRAFT rows (reopened ones) of the same period brought back. */
    public void approve(List<Approval> approvals, UUID approvedBy, Instant at) {
        batch.batchUpdate("""
                        INSERT INTO timesheets AS t (id, organization_id, user_id, period_type, period_start, period_end, state,
                            username, full_name, employee_code, department, regular_minutes, overtime_minutes, leave_minutes,
                            holiday_minutes, holiday_worked_minutes, day_off_worked_minutes, exceptions, approved_by, approved_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'APPROVED', ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?)
                        ON CONFLICT (user_id, period_start) DO UPDATE SET state = 'APPROVED', period_type = EXCLUDED.period_type,
                            period_end = EXCLUDED.period_end, username = EXCLUDED.username, full_name = EXCLUDED.full_name,
                            employee_code = EXCLUDED.employee_code, department = EXCLUDED.department,
                            regular_minutes = EXCLUDED.regular_minutes, overtime_minutes = EXCLUDED.overtime_minutes,
                            leave_minutes = EXCLUDED.leave_minutes, holiday_minutes = EXCLUDED.holiday_minutes,
                            holiday_worked_minutes = EXCLUDED.holiday_worked_minutes,
                            day_off_worked_minutes = EXCLUDED.day_off_worked_minutes, exceptions = EXCLUDED.exceptions,
                            approved_by = EXCLUDED.approved_by, approved_at = EXCLUDED.approved_at, updated_at = now()
                        WHERE t.state = 'DRAFT'""",
                approvals, 1000, (ps, a) -> {
                    Timesheet.Figures f = a.figures();
                    int i = 0;
                    ps.setObject(++i, a.id());
                    ps.setObject(++i, a.organizationId());
                    ps.setObject(++i, a.userId());
                    ps.setString(++i, a.period().type().name());
                    ps.setObject(++i, a.period().start());
                    ps.setObject(++i, a.period().end());
                    ps.setString(++i, a.username());
                    ps.setString(++i, a.fullName());
                    ps.setString(++i, a.employeeCode());
                    ps.setString(++i, a.department());
                    ps.setInt(++i, f.regularMinutes());
                    ps.setString(++i, json.writeValueAsString(f.overtimeMinutesByTier()));
                    ps.setString(++i, json.writeValueAsString(f.leaveMinutesByType()));
                    ps.setInt(++i, f.holidayMinutes());
                    ps.setInt(++i, f.holidayWorkedMinutes());
                    ps.setInt(++i, f.dayOffWorkedMinutes());
                    ps.setString(++i, json.writeValueAsString(f.exceptions()));
                    ps.setObject(++i, approvedBy);
                    ps.setTimestamp(++i, Timestamp.from(at));
                });
    }

    /** APPROVED → LOCKED; answers how many rows changed. */
    public int lock(UUID organizationId, Collection<UUID> ids, UUID lockedBy, Instant at) {
        return jdbc.sql("""
                        UPDATE timesheets SET state = 'LOCKED', locked_by = :by, locked_at = :at, updated_at = now()
                        WHERE organization_id = :org AND id = ANY(:ids) AND state = 'APPROVED'""")
                .param("org", organizationId).param("ids", ids.toArray(UUID[]::new)).param("by", lockedBy)
                .param("at", Timestamp.from(at)).update();
    }

    /**
     * Back to DRAFT, the approved figures cleared; with a reason when an ADMIN reopens, without when a change did.
     * Answers the rows that changed.
     */
    public List<UUID> returnToDraft(UUID organizationId, Collection<UUID> ids, UUID by, Instant at, String reason) {
        return jdbc.sql("""
                        UPDATE timesheets SET state = 'DRAFT', regular_minutes = NULL, overtime_minutes = NULL,
                            leave_minutes = NULL, holiday_minutes = NULL, holiday_worked_minutes = NULL,
                            day_off_worked_minutes = NULL, exceptions = NULL, locked_by = NULL, locked_at = NULL,
                            reopened_by = CASE WHEN CAST(:reason AS text) IS NULL THEN reopened_by ELSE :by END,
                            reopened_at = CASE WHEN CAST(:reason AS text) IS NULL THEN reopened_at ELSE :at END,
                            reopen_reason = COALESCE(CAST(:reason AS text), reopen_reason), updated_at = now()
                        WHERE organization_id = :org AND id = ANY(:ids) AND state <> 'DRAFT'
                        RETURNING id""")
                .param("org", organizationId).param("ids", ids.toArray(UUID[]::new)).param("by", by)
                .param("at", Timestamp.from(at)).param("reason", reason).query(UUID.class).list();
    }

    /** Removes DRAFT rows (they hold no figures), e.g. of a period the pay period rule no longer has. */
    public int deleteDrafts(UUID organizationId, Collection<UUID> ids) {
        return jdbc.sql("DELETE FROM timesheets WHERE organization_id = :org AND id = ANY(:ids) AND state = 'DRAFT'")
                .param("org", organizationId).param("ids", ids.toArray(UUID[]::new)).update();
    }

    /** How many of the period's rows are in each state. */
    public Map<TimesheetState, Integer> counts(UUID organizationId, LocalDate periodStart) {
        Map<TimesheetState, Integer> counts = new EnumMap<>(TimesheetState.class);
        jdbc.sql("SELECT state, count(*) FROM timesheets WHERE organization_id = ? AND period_start = ? GROUP BY state")
                .params(organizationId, periodStart)
                .query((ResultSet rs) -> {
                    counts.put(TimesheetState.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return counts;
    }

    /** The overtime tiers and leave types the period's approved rows name, in order: an export's columns. */
    public List<String> overtimeTiers(UUID organizationId, LocalDate periodStart) {
        return keys("overtime_minutes", organizationId, periodStart);
    }

    public List<String> leaveTypes(UUID organizationId, LocalDate periodStart) {
        return keys("leave_minutes", organizationId, periodStart);
    }

    private List<String> keys(String column, UUID organizationId, LocalDate periodStart) {
        return jdbc.sql("SELECT DISTINCT jsonb_object_keys(" + column + ") AS k FROM timesheets"
                        + " WHERE organization_id = ? AND period_start = ? AND state <> 'DRAFT' ORDER BY k")
                .params(organizationId, periodStart).query(String.class).list();
    }

    /**
     * Streams the period's APPROVED and LOCKED rows in username order, {@value #FETCH_SIZE} at a time from the
     * database: call inside a transaction (Postgres only streams a cursor there).
     */
    public void forEachApproved(UUID organizationId, LocalDate periodStart, Consumer<Row> sink) {
        int[] n = {0};
        streaming.query(SELECT + " WHERE organization_id = ? AND period_start = ? AND state <> 'DRAFT' ORDER BY username, user_id",
                rs -> {
                    sink.accept(row(rs, n[0]++));
                }, organizationId, periodStart);
    }

    private static final String SELECT = """
            SELECT id, organization_id, user_id, period_type, period_start, period_end, state, username, full_name,
                   employee_code, department, regular_minutes, overtime_minutes::text, leave_minutes::text,
                   holiday_minutes, holiday_worked_minutes, day_off_worked_minutes, exceptions::text, approved_by,
                   approved_at, locked_by, locked_at, reopened_by, reopened_at, reopen_reason
            FROM timesheets""";

    private Row row(ResultSet rs, int i) throws SQLException {
        TimesheetState state = TimesheetState.valueOf(rs.getString("state"));
        Timesheet.Figures figures = state == TimesheetState.DRAFT ? null : new Timesheet.Figures(
                rs.getInt("regular_minutes"), minutes(rs.getString("overtime_minutes")),
                minutes(rs.getString("leave_minutes")), rs.getInt("holiday_minutes"),
                rs.getInt("holiday_worked_minutes"), rs.getInt("day_off_worked_minutes"), minutes(rs.getString("exceptions")));
        return new Row(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                new PayPeriod(PayPeriodType.valueOf(rs.getString("period_type")), rs.getObject("period_start", LocalDate.class),
                        rs.getObject("period_end", LocalDate.class)),
                state, rs.getString("username"), rs.getString("full_name"), rs.getString("employee_code"),
                rs.getString("department"), figures,
                new Timesheet.History(rs.getObject("approved_by", UUID.class), instant(rs, "approved_at"),
                        rs.getObject("locked_by", UUID.class), instant(rs, "locked_at"),
                        rs.getObject("reopened_by", UUID.class), instant(rs, "reopened_at"), rs.getString("reopen_reason")));
    }

    private Map<String, Integer> minutes(String text) {
        return text == null ? Map.of() : json.readValue(text, MINUTES);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
