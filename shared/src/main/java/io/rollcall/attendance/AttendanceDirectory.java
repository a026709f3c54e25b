package io.rollcall.attendance;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What attendance reads of identity's tables (users, user_profiles, cameras), always within one organization.
 * Identity owns these tables; attendance only reads them.
 */
@Repository
public class AttendanceDirectory {

    /** A person attendance can be recorded for. */
    public record Person(UUID userId, String username, String fullName, String employeeCode, String department,
                         boolean active, boolean deleted) {

        public boolean canAttend() {
            return active && !deleted;
        }

        /** How the console names the person: their full name, or their username without one. */
        public String displayName() {
            return fullName != null && !fullName.isBlank() ? fullName.strip() : username;
        }
    }

    private final JdbcClient jdbc;

    public AttendanceDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user, if it belongs to the organization (deleted ones included: their history stays readable). */
    public Optional<Person> person(UUID organizationId, UUID userId) {
        return jdbc.sql(SELECT_PERSON + " WHERE u.organization_id = ? AND u.id = ?")
                .params(organizationId, userId).query(AttendanceDirectory::person).optional();
    }

    /** {@link #person} for many users of one organization in one query; users of other organizations are absent. */
    public Map<UUID, Person> people(UUID organizationId, Collection<UUID> userIds) {
        Map<UUID, Person> people = new HashMap<>();
        jdbc.sql(SELECT_PERSON + " WHERE u.organization_id = ? AND u.id = ANY(?)")
                .params(organizationId, userIds.toArray(UUID[]::new))
                .query(AttendanceDirectory::person).list().forEach(p -> people.put(p.userId(), p));
        return people;
    }

    /** {@link #cameraDirection} for many cameras of one organization in one query. */
    public Map<UUID, CameraDirection> cameraDirections(UUID organizationId, Collection<UUID> cameraIds) {
        Map<UUID, CameraDirection> directions = new HashMap<>();
        if (!cameraIds.isEmpty()) {
            jdbc.sql("SELECT id, direction FROM cameras WHERE organization_id = ? AND id = ANY(?)")
                    .params(organizationId, cameraIds.toArray(UUID[]::new))
                    .query((rs, i) -> directions.put(rs.getObject(1, UUID.class), CameraDirection.valueOf(rs.getString(2))))
                    .list();
        }
        return directions;
    }

    /** The organization's active, not deleted users, optionally of one department, by name. */
    public List<Person> activePeople(UUID organizationId, String department) {
        String sql = SELECT_PERSON + " WHERE u.organization_id = :org AND u.is_active AND NOT u.is_deleted"
                + (department == null ? "" : " AND p.department = :department")
                + " ORDER BY p.full_name NULLS LAST, u.username";
        var spec = jdbc.sql(sql).param("org", organizationId);
        if (department != null) {
            spec = spec.param("department", department);
        }
        return spec.query(AttendanceDirectory::person).list();
    }

    /** The camera's direction, if the camera belongs to the organization. */
    public Optional<CameraDirection> cameraDirection(UUID organizationId, UUID cameraId) {
        return jdbc.sql("SELECT direction FROM cameras WHERE organization_id = ? AND id = ?")
                .params(organizationId, cameraId)
                .query((rs, i) -> CameraDirection.valueOf(rs.getString(1))).optional();
    }

    private static final String SELECT_PERSON = """
            SELECT u.id, u.username, p.full_name, p.employee_code, p.department,
                   COALESCE(u.is_active, TRUE) AS active, COALESCE(u.is_deleted, FALSE) AS deleted
            FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id""";

    private static Person person(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBoolean(6), rs.getBoolean(7));
    }
}
