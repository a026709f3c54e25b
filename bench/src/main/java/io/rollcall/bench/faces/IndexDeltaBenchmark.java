package io.rollcall.bench.faces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import io.rollcall.bench.BenchReport;
import io.rollcall.faces.FaceModelVersion;
import io.rollcall.faces.gallery.Gallery;
import io.rollcall.faces.gallery.GallerySettings;
import io.rollcall.faces.gallery.GalleryVectors;
import io.rollcall.faces.gallery.IndexVersions;
import io.rollcall.faces.gallery.SnapshotStore;
import io.rollcall.testing.TestEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One enrollment (3 photos) in a large organization: the whole snapshot rewritten per enrollment (the baseline,
 * as before incremental snapshots) against a delta row on the base; what a new instance then pays to load the
 * index (base alone, base + a few deltas, base + the most deltas a writer allows); and the compaction that moves
 * the rewrite off the enrollment's path. Real Postgres, the embedded S3 emulator, FAISS (AUTO: HNSW32, 16-bit).
 */
public final class IndexDeltaBenchmark {

    static final int FACES = Integer.getInteger("deltas.faces", 100_000);
    static final int ENROLLMENTS = 5;
    static final int PHOTOS = 3;
    static final String MODEL = "bench-model";

    public static void main(String[] args) throws Exception {
        TestEnvironment env = TestEnvironment.install();
        var dataSource = env.dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        JdbcClient client = JdbcClient.create(dataSource);
        IndexVersions versions = new IndexVersions(client, jdbc);
        SnapshotStore snapshots = new SnapshotStore(env.s3(), TestEnvironment.BUCKET);
        GalleryVectors vectors = new GalleryVectors(client);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        Path spool = Files.createTempDirectory("rollcall-deltas");
        GallerySettings deltas = new GallerySettings(GallerySettings.Type.AUTO, 512, 8L << 30, spool);
        GallerySettings whole = deltas.withDeltas(new GallerySettings.Deltas(Long.MAX_VALUE, 200, 2_000));
        Random random = new Random(11);

        long t0 = System.nanoTime();
        UUID org = FacesBench.organizationWith(jdbc, MODEL, FACES);
        jdbc.execute("ANALYZE face_embeddings"); // what autovacuum does in production (it is off on this machine)
        UUID person = jdbc.queryForObject("SELECT id FROM users WHERE organization_id = ? LIMIT 1", UUID.class, org);
        Gallery first = new Gallery(versions, snapshots, vectors, whole, transactions, new FaceModelVersion(MODEL));
        first.change(org, change -> { // the organization's first snapshot: every vector, as a bulk import publishes it
            jdbc.query("SELECT embedding_index, embedding FROM face_embeddings WHERE organization_id = ?",
                    rs -> { change.add(rs.getLong(1), GalleryVectors.decode(rs.getBytes(2))); }, org);
            return null;
        });
        first.destroy();
        long snapshotBytes = objectBytes(env, jdbc, org);
        String kind = jdbc.queryForObject("SELECT index_kind FROM face_indexes WHERE organization_id = ?", String.class, org);
        log("organization of %,d vectors (%s, snapshot %.0f MiB) in %.0f s", FACES, kind, snapshotBytes / 1048576.0,
                (System.nanoTime() - t0) / 1e9);

        StringBuilder md = new StringBuilder("## One enrollment in a large organization (`io.rollcall.bench.faces.IndexDeltaBenchmark`)\n\n")
                .append(String.format(Locale.ROOT, "One organization of %,d random 512-d vectors, AUTO's index for that size (%s, "
                        + "snapshot %.0f MiB); an enrollment adds %d vectors in one `Gallery.change` (as one person's photos "
                        + "would); %d enrollments a path, the writer instance already holding the index. Real Postgres, the "
                        + "embedded S3 emulator on local disk (no network: the floor of what S3 costs).%n%n",
                        FACES, kind, snapshotBytes / 1048576.0, PHOTOS, ENROLLMENTS))
                .append("| path | per enrollment ms (median) | written to S3 per enrollment | vs baseline |\n|---|---:|---:|---:|\n");

        firstSearch(deltas, versions, snapshots, vectors, transactions, org, random, Gallery.Source.SNAPSHOT); // warm-up
        double baseline = enrollments(whole, versions, snapshots, vectors, transactions, jdbc, org, person, random);
        md.append(String.format(Locale.ROOT, "| baseline: whole snapshot rewritten | %.0f | %.0f MiB | 1.00× |%n", baseline,
                objectBytes(env, jdbc, org) / 1048576.0));
        double baseAlone = firstSearch(deltas, versions, snapshots, vectors, transactions, org, random, Gallery.Source.SNAPSHOT);
        double delta = enrollments(deltas, versions, snapshots, vectors, transactions, jdbc, org, person, random);
        md.append(String.format(Locale.ROOT, "| delta row on the base (today) | %.1f | 0 (one row of %d ids in Postgres) | %.4f× |%n",
                delta, PHOTOS, delta / baseline));

        md.append("\nA new instance's first search (download + read of the base snapshot, then the deltas' vectors read from "
                + "Postgres and added), median of 3:\n\n| index at load | first search ms | vs base alone |\n|---|---:|---:|\n");
        double withFew = firstSearch(deltas, versions, snapshots, vectors, transactions, org, random, Gallery.Source.SNAPSHOT_WITH_DELTAS);
        int fewVectors = jdbc.queryForObject("SELECT delta_vectors FROM face_indexes WHERE organization_id = ?", Integer.class, org);
        Gallery compactor = new Gallery(versions, snapshots, vectors, deltas, transactions, new FaceModelVersion(MODEL));
        long c0 = System.nanoTime();
        compactor.compact(org);
        double compactMs = (System.nanoTime() - c0) / 1e6;
        compactor.destroy();
        // the most a reader ever applies: deltas up to ROLLCALL_INDEX_DELTA_MAX, in enrollments of 3
        Gallery writer = new Gallery(versions, snapshots, vectors, deltas, transactions, new FaceModelVersion(MODEL));
        int max = deltas.deltas().maxVectors();
        for (int added = 0; added + PHOTOS <= max; added += PHOTOS) {
            enroll(writer, jdbc, org, person, random);
        }
        writer.destroy();
        int maxVectors = jdbc.queryForObject("SELECT delta_vectors FROM face_indexes WHERE organization_id = ?", Integer.class, org);
        double withMax = firstSearch(deltas, versions, snapshots, vectors, transactions, org, random, Gallery.Source.SNAPSHOT_WITH_DELTAS);
        md.append(String.format(Locale.ROOT, "| base alone | %.0f | 1.00× |%n", baseAlone))
                .append(String.format(Locale.ROOT, "| base + %d delta vectors (%d enrollments) | %.0f | %.2f× |%n", fewVectors,
                        fewVectors / PHOTOS, withFew, withFew / baseAlone))
                .append(String.format(Locale.ROOT, "| base + %,d delta vectors (ROLLCALL_INDEX_DELTA_MAX) | %.0f | %.2f× |%n",
                        maxVectors, withMax, withMax / baseAlone))
                .append(String.format(Locale.ROOT, "%nThe compaction of the first %d delta vectors (compactFaceIndexes: load, "
                        + "write the whole snapshot, upload, in the background) took %.0f ms: the baseline's cost, paid once per "
                        + "ROLLCALL_INDEX_COMPACT_AT (%d) vectors instead of once per enrollment.%n", fewVectors, compactMs,
                        deltas.deltas().compactAt()));
        BenchReport.write("deltas", md.toString());
        System.exit(0); // the embedded emulators' threads would keep the JVM alive
    }

    /** Median ms of ENROLLMENTS enrollments through one writer instance that already holds the index. */
    static double enrollments(GallerySettings settings, IndexVersions versions, SnapshotStore snapshots, GalleryVectors vectors,
                              DataSourceTransactionManager transactions, JdbcTemplate jdbc, UUID org, UUID person, Random random) {
        Gallery writer = new Gallery(versions, snapshots, vectors, settings, transactions, new FaceModelVersion(MODEL));
        try {
            writer.search(org, FacesBench.randomUnit(random), 1); // loads the index: not part of an enrollment
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < ENROLLMENTS; i++) {
                ms.add(enroll(writer, jdbc, org, person, random));
            }
            return median(ms);
        } finally {
            writer.destroy();
        }
    }

    static double enroll(Gallery writer, JdbcTemplate jdbc, UUID org, UUID person, Random random) {
        long t = System.nanoTime();
        writer.change(org, change -> {
            for (int p = 0; p < PHOTOS; p++) {
                float[] v = FacesBench.randomUnit(random);
                Long id = jdbc.queryForObject("""
                        INSERT INTO face_embeddings (organization_id, user_id, embedding, model_version)
                        VALUES (?, ?, ?, ?) RETURNING embedding_index""", Long.class, org, person, GalleryVectors.encode(v), MODEL);
                change.add(id, v);
            }
            return null;
        });
        return (System.nanoTime() - t) / 1e6;
    }

    static double firstSearch(GallerySettings settings, IndexVersions versions, SnapshotStore snapshots, GalleryVectors vectors,
                              DataSourceTransactionManager transactions, UUID org, Random random, Gallery.Source expected) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Gallery reader = new Gallery(versions, snapshots, vectors, settings, transactions, new FaceModelVersion(MODEL));
            try {
                long t = System.nanoTime();
                reader.search(org, FacesBench.randomUnit(random), 1);
                ms.add((System.nanoTime() - t) / 1e6);
                Gallery.Source source = reader.loaded(org).orElseThrow().source();
                if (source != expected) {
                    throw new IllegalStateException("loaded from " + source + ", expected " + expected);
                }
            } finally {
                reader.destroy();
            }
        }
        return median(ms);
    }

    /** Bytes of the snapshot object face_indexes names now. */
    static long objectBytes(TestEnvironment env, JdbcTemplate jdbc, UUID org) {
        String key = jdbc.queryForObject("SELECT snapshot_key FROM face_indexes WHERE organization_id = ?", String.class, org);
        try (var s3 = env.s3()) {
            return s3.headObject(b -> b.bucket(TestEnvironment.BUCKET).key(key)).contentLength();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
