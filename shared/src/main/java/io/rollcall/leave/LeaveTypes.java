package io.rollcall.leave;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** leave_types: an organization's kinds of leave (vacation, sick, unpaid, ...); the only writer of the table. */
@Repository
public class LeaveTypes {

    public record LeaveType(UUID id, String code, String name, boolean paid) {
    }

    private final JdbcClient jdbc;

    public LeaveTypes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the type; false when the organization already has its code. */
    public boolean insert(UUID organizationId, LeaveType type) {
        return jdbc.sql("""
                        INSERT INTO leave_types (id, organization_id, code, name, paid) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id, code) DO NOTHING""")
                .params(type.id(), organizationId, type.code(), type.name(), type.paid()).update() == 1;
    }

    public List<LeaveType> list(UUID organizationId) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? ORDER BY code").param(organizationId).query(LeaveTypes::row).list();
    }

    public Optional<LeaveType> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?").params(organizationId, id)
                .query(LeaveTypes::row).optional();
    }

    private static final String SELECT = "SELECT id, code, name, paid FROM leave_types";

    private static LeaveType row(ResultSet rs, int i) throws SQLException {
        return new LeaveType(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4));
    }
}
