package io.rollcall.faces.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** erasure_requests: its only writer. Every query filters by organization. */
@Repository
public class ErasureRequests {

    public enum Status { PENDING, EXECUTED, REFUSED }

    /** A request as the ADMIN's list shows it; the person's username and name for the list. */
    public record ErasureRequest(UUID id, UUID userId, String username, String fullName, String reason, Status status,
                                 Instant requestedAt, Instant decidedAt, UUID decidedBy, String refusalReason,
                                 Integer imagesErased, Integer vectorsErased) {
    }

    private static final String SELECT = """
            SELECT r.id, r.user_id, u.username, p.full_name, r.reason, r.status, r.requested_at, r.decided_at,
                   r.decided_by, r.refusal_reason, r.images_erased, r.vectors_erased
            FROM erasure_requests r JOIN users u ON u.id = r.user_id LEFT JOIN user_profiles p ON p.user_id = r.user_id
            """;

    private final JdbcClient jdbc;

    public ErasureRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new PENDING request; false when the person already has one pending. */
    public boolean insert(UUID organizationId, UUID id, UUID userId, String reason) {
        return jdbc.sql("""
                INSERT INTO erasure_requests (id, organization_id, user_id, reason) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""").params(id, organizationId, userId, reason).update() == 1;
    }

    public Optional<ErasureRequest> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + "WHERE r.organization_id = ? AND r.id = ?").params(organizationId, id)
                .query(ErasureRequests::row).optional();
    }

    /** The request, locked until the deciding transaction ends, so two ADMINs cannot both decide it. */
    public Optional<ErasureRequest> lock(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + "WHERE r.organization_id = ? AND r.id = ? FOR UPDATE OF r").params(organizationId, id)
                .query(ErasureRequests::row).optional();
    }

    public List<ErasureRequest> ofUser(UUID organizationId, UUID userId) {
        return jdbc.sql(SELECT + "WHERE r.organization_id = ? AND r.user_id = ? ORDER BY r.requested_at DESC, r.id")
                .params(organizationId, userId).query(ErasureRequests::row).list();
    }

    public List<ErasureRequest> page(UUID organizationId, Status status, int page, int size) {
        return jdbc.sql(SELECT + "WHERE r.organization_id = :org AND (CAST(:status AS text) IS NULL OR r.status = :status) "
                        + "ORDER BY r.requested_at DESC, r.id LIMIT :size OFFSET :offset")
                .param("org", organizationId).param("status", status == null ? null : status.name())
                .param("size", size).param("offset", (long) page * size)
                .query(ErasureRequests::row).list();
    }

    public long count(UUID organizationId, Status status) {
        return jdbc.sql("SELECT count(*) FROM erasure_requests WHERE organization_id = :org AND (CAST(:status AS text) IS NULL OR status = :status)")
                .param("org", organizationId).param("status", status == null ? null : status.name())
                .query(Long.class).single();
    }

    public void executed(UUID organizationId, UUID id, Instant at, UUID by, int images, int vectors) {
        jdbc.sql("""
                UPDATE erasure_requests SET status = 'EXECUTED', decided_at = ?, decided_by = ?, images_erased = ?, vectors_erased = ?
                WHERE organization_id = ? AND id = ? AND status = 'PENDING'""")
                .params(Timestamp.from(at), by, images, vectors, organizationId, id).update();
    }

    public void refused(UUID organizationId, UUID id, Instant at, UUID by, String reason) {
        jdbc.sql("""
                UPDATE erasure_requests SET status = 'REFUSED', decided_at = ?, decided_by = ?, refusal_reason = ?
                WHERE organization_id = ? AND id = ? AND status = 'PENDING'""")
                .params(Timestamp.from(at), by, reason, organizationId, id).update();
    }

    private static ErasureRequest row(ResultSet rs, int n) throws SQLException {
        return new ErasureRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), Status.valueOf(rs.getString(6)), rs.getTimestamp(7).toInstant(),
                BiometricConsents.instant(rs.getTimestamp(8)), rs.getObject(9, UUID.class), rs.getString(10),
                (Integer) rs.getObject(11), (Integer) rs.getObject(12));
    }
}
