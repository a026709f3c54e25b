package io.rollcall.identity.cameras;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cameras table; every query but the key look-up names the organization. */
@Repository
public class CameraRepository {

    private static final String COLUMNS = """
            id, organization_id, name, direction, is_active,
            (api_key_hash IS NOT NULL AND api_key_revoked_at IS NULL) AS key_active, created_at, updated_at, last_frame_at""";

    /** Who a camera key belongs to. */
    public record KeyOwner(UUID organizationId, UUID cameraId) {
    }

    private final JdbcClient jdbc;

    public CameraRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Camera insert(UUID organizationId, String name, Camera.Direction direction, String keyHash) {
        return jdbc.sql("INSERT INTO cameras (organization_id, name, direction, api_key_hash) VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(organizationId, name, direction.name(), keyHash).query(CameraRepository::map).single();
    }

    public Optional<Camera> find(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cameras WHERE organization_id = ? AND id = ?")
                .params(organizationId, id).query(CameraRepository::map).optional();
    }

    public List<Camera> list(UUID organizationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM cameras WHERE organization_id = ? ORDER BY name")
                .param(organizationId).query(CameraRepository::map).list();
    }

    public Optional<Camera> update(UUID organizationId, UUID id, String name, Camera.Direction direction, Boolean active) {
        return jdbc.sql("""
                UPDATE cameras SET name = COALESCE(?, name), direction = COALESCE(?, direction),
                                   is_active = COALESCE(?, is_active), updated_at = now()
                WHERE organization_id = ? AND id = ? RETURNING""" + " " + COLUMNS)
                .params(name, direction == null ? null : direction.name(), active, organizationId, id)
                .query(CameraRepository::map).optional();
    }

    public boolean delete(UUID organizationId, UUID id) {
        return jdbc.sql("DELETE FROM cameras WHERE organization_id = ? AND id = ?").params(organizationId, id).update() > 0;
    }

    /** A new key replaces the old one (which stops working at once) and lifts a revocation. */
    public boolean replaceKey(UUID organizationId, UUID id, String keyHash) {
        return jdbc.sql("""
                UPDATE cameras SET api_key_hash = ?, api_key_revoked_at = NULL, updated_at = now()
                WHERE organization_id = ? AND id = ?""").params(keyHash, organizationId, id).update() > 0;
    }

    public boolean revokeKey(UUID organizationId, UUID id) {
        return jdbc.sql("""
                UPDATE cameras SET api_key_revoked_at = COALESCE(api_key_revoked_at, now()), updated_at = now()
                WHERE organization_id = ? AND id = ?""").params(organizationId, id).update() > 0;
    }

    /** The camera a key opens: only an active camera, with that key unrevoked, of an active organization. */
    public Optional<KeyOwner> ownerOfKey(String keyHash) {
        return jdbc.sql("""
                SELECT c.organization_id, c.id FROM cameras c JOIN organizations o ON o.id = c.organization_id
                WHERE c.api_key_hash = ? AND c.api_key_revoked_at IS NULL AND c.is_active AND o.is_active""")
                .param(keyHash)
                .query((rs, row) -> new KeyOwner(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
    }

    private static Camera map(ResultSet rs, int row) throws SQLException {
        return new Camera(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("name"),
                Camera.Direction.valueOf(rs.getString("direction")), rs.getBoolean("is_active"), rs.getBoolean("key_active"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getTimestamp("last_frame_at") == null ? null : rs.getTimestamp("last_frame_at").toInstant());
    }
}
