package io.rollcall.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrganizationRepository {

    private static final String COLUMNS = "id, code, name, legal_name, is_active, created_at, updated_at";

    private final JdbcClient jdbc;

    public OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Organization> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organizations WHERE id = ?").param(id)
                .query(OrganizationRepository::map).optional();
    }

    public Optional<Organization> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organizations WHERE code = ?").param(code)
                .query(OrganizationRepository::map).optional();
    }

    public List<Organization> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organizations ORDER BY code").query(OrganizationRepository::map).list();
    }

    public boolean isEmpty() {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM organizations)").query(Boolean.class).single();
    }

    /** A missing organization is not active: recognition must skip it as well. */
    public boolean isActive(UUID id) {
        return jdbc.sql("SELECT count(*) FROM organizations WHERE id = ? AND is_active").param(id)
                .query(Integer.class).single() > 0;
    }

    public Organization insert(String code, String name, String legalName) {
        return jdbc.sql("INSERT INTO organizations (code, name, legal_name) VALUES (?, ?, ?) RETURNING " + COLUMNS)
                .params(code, name, legalName).query(OrganizationRepository::map).single();
    }

    public Optional<Organization> update(UUID id, String name, String legalName) {
        return jdbc.sql("""
                UPDATE organizations SET name = COALESCE(?, name), legal_name = COALESCE(?, legal_name), updated_at = now()
                WHERE id = ? RETURNING """ + " " + COLUMNS)
                .params(name, legalName, id).query(OrganizationRepository::map).optional();
    }

    public boolean setActive(UUID id, boolean active) {
        return jdbc.sql("UPDATE organizations SET is_active = ?, updated_at = now() WHERE id = ?")
                .params(active, id).update() > 0;
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
                rs.getString("legal_name"), rs.getBoolean("is_active"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
