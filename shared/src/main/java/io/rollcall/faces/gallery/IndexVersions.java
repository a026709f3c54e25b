package io.rollcall.faces.gallery;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The face_indexes row of each organization: its index version, current snapshot, and the writers' lock. */
@Repository
public class IndexVersions {

    /** What the row says about an organization's index; version 0 means nothing was ever enrolled. */
    public record Current(long version, String snapshotKey, String modelVersion) {
        static final Current NONE = new Current(0, null, null);
    }

    private final JdbcClient jdbc;

    public IndexVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The cheap check readers make on every frame: one primary-key read, no lock. */
    Current current(UUID organizationId) {
        return jdbc.sql("SELECT version, snapshot_key, model_version FROM face_indexes WHERE organization_id = ?")
                .param(organizationId)
                .query((rs, i) -> new Current(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional().orElse(Current.NONE);
    }

    /** Creates the row if needed and locks it until the transaction ends: one writer per organization. */
    Current lock(UUID organizationId) {
        jdbc.sql("INSERT INTO face_indexes (organization_id) VALUES (?) ON CONFLICT DO NOTHING").param(organizationId).update();
        return jdbc.sql("SELECT version, snapshot_key, model_version FROM face_indexes WHERE organization_id = ? FOR UPDATE")
                .param(organizationId)
                .query((rs, i) -> new Current(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .single();
    }

    /** Locks the row only if no writer holds it (a reader repairing a snapshot never waits for a writer). */
    Optional<Current> tryLock(UUID organizationId) {
        return jdbc.sql("SELECT version, snapshot_key, model_version FROM face_indexes WHERE organization_id = ? FOR UPDATE SKIP LOCKED")
                .param(organizationId)
                .query((rs, i) -> new Current(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** Records a new snapshot; the caller holds the lock. */
    void publish(UUID organizationId, long version, String snapshotKey, String modelVersion, String kind, long vectors) {
        jdbc.sql("""
                UPDATE face_indexes SET version = ?, snapshot_key = ?, model_version = ?, index_kind = ?, vectors = ?,
                       updated_at = NOW()
                WHERE organization_id = ?""")
                .params(version, snapshotKey, modelVersion, kind, vectors, organizationId)
                .update();
    }
}
