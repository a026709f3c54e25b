package io.rollcall.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** users + user_profiles. Every query names the organization; deleted users are invisible. */
@Repository
public class UserRepository {

    private static final String SELECT = """
            SELECT u.id, u.organization_id, u.username, u.email, u.role_id, u.is_active, u.created_at, u.updated_at,
                   p.full_name, p.employee_code, p.department, p.faiss_user_id
            FROM users u JOIN user_profiles p ON p.user_id = u.id
            """;

    /** What login needs, whatever the state of the user and their organization. */
    public record Credentials(UUID userId, UUID organizationId, Role role, String passwordHash, boolean usable) {
    }

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the user and their profile (which takes the next faiss_user_id from the sequence). */
    public UUID insert(UUID organizationId, String username, String email, String passwordHash, Role role, Profile profile) {
        UUID id = jdbc.sql("""
                INSERT INTO users (organization_id, username, email, password_hash, role_id)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(organizationId, username, email, passwordHash, role.id()).query(UUID.class).single();
        jdbc.sql("INSERT INTO user_profiles (user_id, full_name, employee_code, department) VALUES (?, ?, ?, ?)")
                .params(id, profile.fullName(), profile.employeeCode(), profile.department()).update();
        return id;
    }

    public Optional<User> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + " WHERE u.organization_id = ? AND u.id = ? AND NOT u.is_deleted")
                .params(organizationId, id).query(UserRepository::map).optional();
    }

    /** The organization's user of that username, deleted ones excluded; where a taken username lives otherwise is not told. */
    public Optional<UUID> idOfUsername(UUID organizationId, String username) {
        return jdbc.sql("SELECT id FROM users WHERE organization_id = ? AND username = ? AND NOT is_deleted")
                .params(organizationId, username).query(UUID.class).optional();
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc.sql("""
                SELECT u.id, u.organization_id, u.role_id, u.password_hash,
                       (u.is_active AND NOT u.is_deleted AND o.is_active) AS usable
                FROM users u JOIN organizations o ON o.id = u.organization_id
                WHERE u.username = ?""")
                .param(username)
                .query((rs, row) -> new Credentials(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                        Role.ofId(rs.getInt("role_id")), rs.getString("password_hash"), rs.getBoolean("usable")))
                .optional();
    }

    public Optional<String> passwordHash(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE organization_id = ? AND id = ? AND NOT is_deleted")
                .params(organizationId, id).query(String.class).optional();
    }

    /** Users of one organization whose username, email, name or employee code contains {@code search}. */
    public Page<User> list(UUID organizationId, String search, int page, int size) {
        String where = " WHERE u.organization_id = :org AND NOT u.is_deleted"
                + (search == null ? "" : " AND (u.username ILIKE :q OR u.email ILIKE :q OR p.full_name ILIKE :q OR p.employee_code ILIKE :q)");
        String pattern = search == null ? null : "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<User> items = jdbc.sql(SELECT + where + " ORDER BY u.username LIMIT :size OFFSET :offset")
                .param("org", organizationId).param("q", pattern).param("size", size).param("offset", (long) page * size)
                .query(UserRepository::map).list();
        long total = jdbc.sql("SELECT count(*) FROM users u JOIN user_profiles p ON p.user_id = u.id" + where)
                .param("org", organizationId).param("q", pattern).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    public boolean update(UUID organizationId, UUID id, Role role, String email, boolean clearEmail, Boolean active) {
        return jdbc.sql("""
                UPDATE users SET role_id = COALESCE(:role, role_id),
                                 email = CASE WHEN :clear THEN NULL ELSE COALESCE(:email, email) END,
                                 is_active = COALESCE(:active, is_active), updated_at = now()
                WHERE organization_id = :org AND id = :id AND NOT is_deleted""")
                .param("role", role == null ? null : (short) role.id()).param("clear", clearEmail).param("email", email)
                .param("active", active).param("org", organizationId).param("id", id).update() > 0;
    }

    public boolean setPassword(UUID organizationId, UUID id, String passwordHash) {
        return jdbc.sql("UPDATE users SET password_hash = ?, updated_at = now() WHERE organization_id = ? AND id = ? AND NOT is_deleted")
                .params(passwordHash, organizationId, id).update() > 0;
    }

    public boolean softDelete(UUID organizationId, UUID id) {
        return jdbc.sql("""
                UPDATE users SET is_deleted = TRUE, is_active = FALSE, updated_at = now()
                WHERE organization_id = ? AND id = ? AND NOT is_deleted""")
                .params(organizationId, id).update() > 0;
    }

    public boolean updateProfile(UUID organizationId, UUID id, Profile profile) {
        return jdbc.sql("""
                UPDATE user_profiles p SET full_name = ?, employee_code = ?, department = ?, updated_at = now()
                FROM users u WHERE u.id = p.user_id AND u.organization_id = ? AND u.id = ? AND NOT u.is_deleted""")
                .params(profile.fullName(), profile.employeeCode(), profile.department(), organizationId, id).update() > 0;
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("username"),
                rs.getString("email"), Role.ofId(rs.getInt("role_id")), rs.getBoolean("is_active"),
                new Profile(rs.getString("full_name"), rs.getString("employee_code"), rs.getString("department")),
                rs.getInt("faiss_user_id"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
