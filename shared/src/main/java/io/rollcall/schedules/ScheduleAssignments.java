package io.rollcall.schedules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** schedule_assignments: the only writer of the table. */
@Repository
public class ScheduleAssignments {

    private final JdbcClient jdbc;

    public ScheduleAssignments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serializes the assignment changes of one organization until the transaction ends, so two overlapping
     * assignments cannot both pass the overlap check.
     */
    public void lock(UUID organizationId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("assignments:" + organizationId)
                .query((rs, i) -> 1).single();
    }

    public void insert(UUID organizationId, WorkCalendar.Assignment a) {
        jdbc.sql("""
                        INSERT INTO schedule_assignments (id, organization_id, schedule_id, scope, department, user_id,
                            valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), organizationId, a.scheduleId(), a.scope().name(), a.department(), a.userId(), a.from(), a.to())
                .update();
    }

    public List<WorkCalendar.Assignment> list(UUID organizationId) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? ORDER BY scope, department, user_id, valid_from")
                .param(organizationId).query(ScheduleAssignments::row).list();
    }

    public Optional<WorkCalendar.Assignment> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?").params(organizationId, id)
                .query(ScheduleAssignments::row).optional();
    }

    public boolean delete(UUID organizationId, UUID id) {
        return jdbc.sql("DELETE FROM schedule_assignments WHERE organization_id = ? AND id = ?")
                .params(organizationId, id).update() == 1;
    }

    private static final String SELECT = """
            SELECT id, schedule_id, scope, department, user_id, valid_from, valid_to FROM schedule_assignments""";

    private static WorkCalendar.Assignment row(ResultSet rs, int i) throws SQLException {
        return new WorkCalendar.Assignment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                WorkCalendar.Scope.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, UUID.class),
                rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class));
    }
}
