package io.rollcall.faces.gallery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The face_indexes row of each organization: its index version, current snapshot, and the writers' lock; and
 * face_index_deltas, the enrollments a large organization's versions added on top of their base snapshot.
 */
@Repository
public class IndexVersions {

    /**
     * What the row says about an organization's index; version 0 means nothing was ever enrolled. The snapshot
     * holds the index at {@code baseVersion}; the versions after it, up to {@code version}, only added the
     * {@code deltaVectors} vectors their face_index_deltas rows list.
     */
    public record Current(long version, String snapshotKey, String modelVersion, long baseVersion, int deltaVectors) {
        static final Current NONE = new Current(0, null, null, 0, 0);

        boolean hasDeltas() {
            return baseVersion < version;
        }
    }

    private static final String COLUMNS = "version, snapshot_key, model_version, COALESCE(base_version, version), delta_vectors";
    private static final RowMapper<Current> CURRENT = (rs, i) ->
            new Current(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5));

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public IndexVersions(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The cheap check readers make on every frame: one primary-key read, no lock. */
    Current current(UUID organizationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM face_indexes WHERE organization_id = ?")
                .param(organizationId).query(CURRENT).optional().orElse(Current.NONE);
    }

    /** Creates the row if needed and locks it until the transaction ends: one writer per organization. */
    Current lock(UUID organizationId) {
        jdbc.sql("INSERT INTO face_indexes (organization_id) VALUES (?) ON CONFLICT DO NOTHING").param(organizationId).update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM face_indexes WHERE organization_id = ? FOR UPDATE")
                .param(organizationId).query(CURRENT).single();
    }

    /** Locks the row only if no writer holds it (a reader repairing a snapshot never waits for a writer). */
    Optional<Current> tryLock(UUID organizationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM face_indexes WHERE organization_id = ? FOR UPDATE SKIP LOCKED")
                .param(organizationId).query(CURRENT).optional();
    }

    /** Records a whole snapshot of {@code version}: the new base, no deltas on top. The caller holds the lock. */
    void publish(UUID organizationId, long version, String snapshotKey, String modelVersion, String kind, long vectors) {
        jdbc.sql("""
                UPDATE face_indexes SET version = ?, snapshot_key = ?, model_version = ?, index_kind = ?, vectors = ?,
                       base_version = ?, delta_vectors = 0, updated_at = NOW()
                WHERE organization_id = ?""")
                .params(version, snapshotKey, modelVersion, kind, vectors, version, organizationId)
                .update();
    }

    /**
     * Records {@code version} as the locked one plus {@code addedIds}, on the same base snapshot: one small row
     * instead of a snapshot. The caller holds the lock.
     */
    void publishDelta(UUID organizationId, long version, long[] addedIds, String kind, long vectors) {
        template.update("INSERT INTO face_index_deltas (organization_id, version, added_ids) VALUES (?, ?, ?)",
                organizationId, version, addedIds);
        jdbc.sql("""
                UPDATE face_indexes SET version = ?, index_kind = ?, vectors = ?, delta_vectors = delta_vectors + ?,
                       base_version = COALESCE(base_version, version), updated_at = NOW()
                WHERE organization_id = ?""")
                .params(version, kind, vectors, addedIds.length, organizationId)
                .update();
    }

    /** What the delta rows after a base hold: how many versions have one, and the ids they added, in order. */
    record DeltaRows(int versions, long[] ids) {
    }

    /** The delta rows after {@code baseVersion} up to {@code version}, read in one statement (one snapshot of them). */
    DeltaRows deltas(UUID organizationId, long baseVersion, long version) {
        java.util.Set<Long> versionsSeen = new java.util.HashSet<>();
        List<Long> ids = new java.util.ArrayList<>();
        jdbc.sql("""
                SELECT d.version, a.id FROM face_index_deltas d CROSS JOIN LATERAL unnest(d.added_ids) WITH ORDINALITY AS a(id, n)
                WHERE d.organization_id = ? AND d.version > ? AND d.version <= ? ORDER BY d.version, a.n""")
                .params(organizationId, baseVersion, version)
                .query(rs -> {
                    versionsSeen.add(rs.getLong(1));
                    ids.add(rs.getLong(2));
                });
        return new DeltaRows(versionsSeen.size(), ids.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Deletes the delta rows no reader can still need: those up to {@code baseVersion}, the base before the
     * newest, whose snapshot is kept for readers loading it right now.
     */
    void pruneDeltas(UUID organizationId, long baseVersion) {
        jdbc.sql("DELETE FROM face_index_deltas WHERE organization_id = ? AND version <= ?").params(organizationId, baseVersion).update();
    }

    /** An index of at least ? vectors that is not a graph: compaction converts it. */
    private static final String NEEDS_A_GRAPH = "vectors >= ? AND index_kind NOT LIKE 'HNSW%'";

    /** Organizations of at least {@code vectors} vectors whose index is not a graph. */
    List<UUID> needingAGraph(long vectors) {
        return jdbc.sql("SELECT organization_id FROM face_indexes WHERE " + NEEDS_A_GRAPH + " ORDER BY vectors DESC")
                .param(vectors).query(UUID.class).list();
    }

    /** Whether {@link #needingAGraph} lists this organization. */
    boolean needsAnotherKind(UUID organizationId, long graphFrom) {
        return jdbc.sql("SELECT count(*) FROM face_indexes WHERE organization_id = ? AND " + NEEDS_A_GRAPH)
                .params(organizationId, graphFrom).query(Long.class).single() > 0;
    }

    /** Organizations whose deltas have grown to at least {@code vectors} since their base: compaction's work. */
    List<UUID> withDeltasOf(int vectors) {
        return jdbc.sql("SELECT organization_id FROM face_indexes WHERE delta_vectors >= ? AND delta_vectors > 0 ORDER BY delta_vectors DESC")
                .param(vectors).query(UUID.class).list();
    }
}
