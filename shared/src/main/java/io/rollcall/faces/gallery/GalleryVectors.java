package io.rollcall.faces.gallery;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.faces.index.Vectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The vectors of face_embeddings as the index needs them: for rebuilds, and to turn index ids into people. */
@Repository
public class GalleryVectors {

    /** Who an index id belongs to. */
    public record Owner(long indexId, UUID userId, UUID imageId) {
    }

    /** The rows a rebuild reads, flattened: ids[i] owns vectors[i*d, (i+1)*d). */
    record Batch(long[] ids, float[] vectors) {
    }

    private final JdbcClient jdbc;

    public GalleryVectors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every vector made by {@code modelVersion} of the organization's users that are not deleted: what the index
     * must hold. Inactive users stay in it (so reactivation needs nothing); {@link #matchable} keeps them out of matches.
     */
    Batch searchable(UUID organizationId, String modelVersion, int dimension) {
        List<Long> ids = new ArrayList<>();
        List<byte[]> raw = new ArrayList<>();
        jdbc.sql("""
                SELECT e.embedding_index, e.embedding FROM face_embeddings e JOIN users u ON u.id = e.user_id
                WHERE e.organization_id = ? AND e.model_version = ? AND NOT COALESCE(u.is_deleted, FALSE)
                ORDER BY e.embedding_index""")
                .params(organizationId, modelVersion)
                .query(rs -> {
                    ids.add(rs.getLong(1));
                    raw.add(rs.getBytes(2));
                });
        float[] vectors = new float[ids.size() * dimension];
        for (int i = 0; i < raw.size(); i++) {
            float[] v = decode(raw.get(i));
            if (v.length != dimension) {
                throw new IllegalStateException("embedding " + ids.get(i) + " has " + v.length + " dimensions, not " + dimension);
            }
            System.arraycopy(v, 0, vectors, i * dimension, dimension);
        }
        return new Batch(ids.stream().mapToLong(Long::longValue).toArray(), vectors);
    }

    /**
     * The vectors of {@code indexIds} made by {@code modelVersion} for users that are not deleted, in the order
     * asked: what a delta on top of a base snapshot adds. An id whose row is gone (erased since) is left out.
     * Selected by the ids alone, so the unique index on embedding_index is the only one the planner can take; the
     * organization, model and deletion are checked on the rows found. With the organization in the WHERE clause, a
     * planner without statistics (a table not analyzed yet; autovacuum is off on the benchmark machine) scanned all
     * of the organization's rows instead: 42 ms against 0.24 ms for 15 ids at 100k faces.
     */
    Batch byIds(UUID organizationId, String modelVersion, int dimension, long[] indexIds) {
        Map<Long, float[]> found = new HashMap<>();
        jdbc.sql("""
                SELECT e.embedding_index, e.embedding,
                       e.organization_id = ? AND e.model_version = ? AND NOT COALESCE(u.is_deleted, FALSE) AS usable
                FROM face_embeddings e JOIN users u ON u.id = e.user_id
                WHERE e.embedding_index = ANY (?::bigint[])""")
                .params(organizationId, modelVersion, java.util.Arrays.stream(indexIds).boxed().toArray(Long[]::new))
                .query(rs -> {
                    if (rs.getBoolean(3)) {
                        found.put(rs.getLong(1), decode(rs.getBytes(2)));
                    }
                });
        long[] ids = java.util.Arrays.stream(indexIds).filter(found::containsKey).toArray();
        float[] vectors = new float[ids.length * dimension];
        for (int i = 0; i < ids.length; i++) {
            float[] v = found.get(ids[i]);
            if (v.length != dimension) {
                throw new IllegalStateException("embedding " + ids[i] + " has " + v.length + " dimensions, not " + dimension);
            }
            System.arraycopy(v, 0, vectors, i * dimension, dimension);
        }
        return new Batch(ids, vectors);
    }

    /**
     * The owners of {@code indexIds} that may be matched: in this organization, active and not deleted. An id
     * missing from the answer (another organization's, an inactive user's, a deleted row, a writer's vector not
     * committed yet) is never a match, whatever the index says. One unique-index probe per id (LATERAL): written
     * as {@code embedding_index = ANY(?)}, a generic plan cached while the organization was small walks its whole
     * (organization_id, ...) index as it grows, as attendance_logs' lookup did (AttendanceLog.findAll).
     */
    public Map<Long, Owner> matchable(UUID organizationId, long[] indexIds) {
        Map<Long, Owner> owners = new HashMap<>();
        if (indexIds.length == 0) {
            return owners;
        }
        Long[] boxed = java.util.Arrays.stream(indexIds).boxed().toArray(Long[]::new);
        jdbc.sql("""
                SELECT e.embedding_index, e.user_id, e.image_id
                FROM unnest(?::bigint[]) AS k(id)
                CROSS JOIN LATERAL (SELECT f.embedding_index, f.user_id, f.image_id, f.organization_id
                                    FROM face_embeddings f
                                    WHERE f.embedding_index = k.id LIMIT 1) AS e
                JOIN users u ON u.id = e.user_id JOIN organizations o ON o.id = e.organization_id
                WHERE e.organization_id = ?
                  AND COALESCE(u.is_active, TRUE) AND NOT COALESCE(u.is_deleted, FALSE) AND COALESCE(o.is_active, TRUE)""")
                .params(boxed, organizationId)
                .query(rs -> {
                    owners.put(rs.getLong(1), new Owner(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)));
                });
        return owners;
    }

    /**
     * Each user's vectors made by {@code modelVersion}, averaged and normalised: how close a face is to the person as
     * a whole rather than to one photo of them (FaceRecognizer ranks its candidates by it). A user with no vector of
     * that model is missing from the answer.
     */
    public Map<UUID, float[]> centroids(UUID organizationId, Collection<UUID> userIds, String modelVersion) {
        Map<UUID, float[]> sums = new HashMap<>();
        if (userIds.isEmpty()) {
            return sums;
        }
        jdbc.sql("""
                SELECT user_id, embedding FROM face_embeddings
                WHERE organization_id = ? AND user_id = ANY (?::uuid[]) AND model_version = ?""")
                .params(organizationId, userIds.toArray(UUID[]::new), modelVersion)
                .query(rs -> {
                    float[] v = decode(rs.getBytes(2));
                    float[] sum = sums.computeIfAbsent(rs.getObject(1, UUID.class), u -> new float[v.length]);
                    for (int i = 0; i < v.length; i++) {
                        sum[i] += v[i];
                    }
                });
        sums.values().forEach(sum -> Vectors.normalize(sum, sum.length));
        return sums;
    }

    /** float32 little-endian, the column's documented format. */
    public static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
