package io.rollcall.timesheets;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who has a timesheet for a period - what the timesheets read of identity's tables (users, user_profiles) and of
 * their own: every person active now who existed by the period's end, and anyone with a stored timesheet for it.
 */
@Repository
public class TimesheetDirectory {

    /** A person of a period, as the profile says now. */
    public record Person(UUID userId, String username, String fullName, String employeeCode, String department) {
    }

    private final JdbcClient jdbc;

    public TimesheetDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user, if it belongs to the organization (deleted ones too: their past timesheets stay readable). */
    public Optional<Person> person(UUID organizationId, UUID userId) {
        return jdbc.sql(SELECT + " WHERE u.organization_id = ? AND u.id = ?").params(organizationId, userId)
                .query(TimesheetDirectory::person).optional();
    }

    /** The period's people in username order, optionally of one department (as the profile says now), paged. */
    public List<Person> people(UUID organizationId, LocalDate periodStart, Instant periodEndsAt, String department,
                               int offset, int limit) {
        return jdbc.sql(SELECT + " " + WHERE + " ORDER BY u.username, u.id OFFSET :offset LIMIT :limit")
                .param("org", organizationId).param("start", periodStart).param("endsAt", Timestamp.from(periodEndsAt))
                .param("department", department).param("offset", offset).param("limit", limit)
                .query(TimesheetDirectory::person).list();
    }

    public int count(UUID organizationId, LocalDate periodStart, Instant periodEndsAt, String department) {
        return jdbc.sql("SELECT count(*) FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id " + WHERE)
                .param("org", organizationId).param("start", periodStart).param("endsAt", Timestamp.from(periodEndsAt))
                .param("department", department).query(Integer.class).single();
    }

    /** The period's people whose timesheet is a draft (no row, or a DRAFT one), in username order. */
    public List<UUID> drafts(UUID organizationId, LocalDate periodStart, Instant periodEndsAt) {
        return jdbc.sql("SELECT u.id FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id " + WHERE + " " + """
                         AND NOT EXISTS (SELECT 1 FROM timesheets t WHERE t.user_id = u.id AND t.period_start = :start
                                         AND t.state <> 'DRAFT')
                        ORDER BY u.username, u.id""")
                .param("org", organizationId).param("start", periodStart).param("endsAt", Timestamp.from(periodEndsAt))
                .param("department", null).query(UUID.class).list();
    }

    private static final String SELECT = """
            SELECT u.id, u.username, p.full_name, p.employee_code, p.department
            FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id """;

    private static final String WHERE = """
             WHERE u.organization_id = :org
              AND (CAST(:department AS text) IS NULL OR p.department = :department)
              AND ((COALESCE(u.is_active, TRUE) AND NOT COALESCE(u.is_deleted, FALSE) AND u.created_at < :endsAt)
                   OR EXISTS (SELECT 1 FROM timesheets t WHERE t.user_id = u.id AND t.period_start = :start))""";

    private static Person person(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
