package io.rollcall.schedules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** shift_types: the only writer of the table. */
@Repository
public class ShiftTypes {

    /** A stored shift type. */
    public record ShiftType(UUID id, String name, Shift shift) {
    }

    private final JdbcClient jdbc;

    public ShiftTypes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID organizationId, ShiftType type) {
        Shift s = type.shift();
        jdbc.sql("""
                        INSERT INTO shift_types (id, organization_id, name, kind, start_time, end_time, break_minutes,
                            required_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(type.id(), organizationId, type.name(), s.kind().name(), s.start(), s.end(), s.breakMinutes(),
                        s.requiredMinutes())
                .update();
    }

    public List<ShiftType> list(UUID organizationId) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? ORDER BY name").param(organizationId).query(ShiftTypes::row).list();
    }

    public Optional<ShiftType> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?").params(organizationId, id)
                .query(ShiftTypes::row).optional();
    }

    public boolean delete(UUID organizationId, UUID id) {
        return jdbc.sql("""
                        DELETE FROM shift_types t WHERE organization_id = ? AND id = ?
                          AND NOT EXISTS (SELECT 1 FROM schedule_days d WHERE d.shift_type_id = t.id)""")
                .params(organizationId, id).update() == 1;
    }

    private static final String SELECT = """
            SELECT id, name, kind, start_time, end_time, break_minutes, required_minutes FROM shift_types""";

    private static ShiftType row(ResultSet rs, int i) throws SQLException {
        Shift shift = new Shift(Shift.Kind.valueOf(rs.getString(3)), rs.getObject(4, LocalTime.class),
                rs.getObject(5, LocalTime.class), rs.getInt(6), (Integer) rs.getObject(7));
        return new ShiftType(rs.getObject(1, UUID.class), rs.getString(2), shift);
    }
}
