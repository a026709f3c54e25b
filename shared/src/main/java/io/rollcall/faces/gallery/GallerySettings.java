package io.rollcall.faces.gallery;

import java.nio.file.Path;

import io.rollcall.faces.index.IndexSpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How organizations' indexes are built and held. {@code FACE_INDEX_TYPE}: AUTO (the default:
 * {@link IndexSpec#forSize}, chosen by the organization's size as measured in docs/faces.md; exact below 50,000
 * vectors), FLAT (exact at any size) or HNSW (a graph at any size). A graph is built by compactFaceIndexes only,
 * never in a request (Gallery). {@code ROLLCALL_GALLERY_MAX_MIB}: the native memory all organizations' indexes of one process
 * may hold before the least recently used are evicted. {@code ROLLCALL_SNAPSHOT_SPOOL_DIR}: where snapshot files
 * are written and downloaded to on their way (the JVM's temp directory, /tmp on Lambda, by default).
 *
 * <p>Incremental snapshots (docs/faces.md): from {@code ROLLCALL_INDEX_DELTA_FROM} vectors on, a change that only
 * adds writes a delta row instead of a whole snapshot; once an organization's deltas hold
 * {@code ROLLCALL_INDEX_COMPACT_AT} vectors, compactFaceIndexes writes a new base in the background, and a writer
 * that finds them at {@code ROLLCALL_INDEX_DELTA_MAX} writes one itself (so a reader never applies more than that).
 */
@Component
public class GallerySettings {

    public enum Type { FLAT, HNSW, AUTO }

    /** Default index budget: what a 2048 MB face function has left beside the JVM, the models and a frame. */
    public static final int DEFAULT_MAX_MIB = 1024;

    /**
     * Below this an organization's whole snapshot is cheap (50,000 vectors: 50-100 MB, under a second to upload):
     * every change writes one, as before deltas existed.
     */
    public static final int DEFAULT_DELTA_FROM = 50_000;
    /**
     * A reader applies at most this many delta vectors on load: 16-bit HNSW adds ~1.1 ms a vector at 100k
     * (IndexDeltaBenchmark), so 1,000 keep a 1M organization's load near its 5 s target.
     */
    public static final int DEFAULT_DELTA_MAX = 1_000;
    public static final int DEFAULT_COMPACT_AT = 200;

    /** When changes are written as deltas on a base snapshot instead of whole snapshots. */
    public record Deltas(long fromVectors, int compactAt, int maxVectors) {
        public Deltas {
            if (fromVectors < 0 || compactAt < 1 || maxVectors < compactAt) {
                throw new IllegalArgumentException("index deltas need 0 <= ROLLCALL_INDEX_DELTA_FROM and "
                        + "1 <= ROLLCALL_INDEX_COMPACT_AT <= ROLLCALL_INDEX_DELTA_MAX");
            }
        }

        static final Deltas DEFAULT = new Deltas(DEFAULT_DELTA_FROM, DEFAULT_COMPACT_AT, DEFAULT_DELTA_MAX);
    }

    private final Type type;
    private final int dimension;
    private final long maxIndexBytes;
    private final Path spoolDirectory;
    private final Deltas deltas;

    @Autowired
    public GallerySettings(@Value("${FACE_INDEX_TYPE:AUTO}") String type,
                           @Value("${rollcall.faces.dimension:512}") int dimension,
                           @Value("${ROLLCALL_GALLERY_MAX_MIB:" + DEFAULT_MAX_MIB + "}") long maxMib,
                           @Value("${ROLLCALL_SNAPSHOT_SPOOL_DIR:${java.io.tmpdir}}") String spoolDirectory,
                           @Value("${ROLLCALL_INDEX_DELTA_FROM:" + DEFAULT_DELTA_FROM + "}") long deltaFrom,
                           @Value("${ROLLCALL_INDEX_COMPACT_AT:" + DEFAULT_COMPACT_AT + "}") int compactAt,
                           @Value("${ROLLCALL_INDEX_DELTA_MAX:" + DEFAULT_DELTA_MAX + "}") int deltaMax) {
        this(Type.valueOf(type.trim().toUpperCase()), dimension, maxMib * 1024 * 1024, Path.of(spoolDirectory),
                new Deltas(deltaFrom, compactAt, deltaMax));
    }

    public GallerySettings(Type type, int dimension) {
        this(type, dimension, DEFAULT_MAX_MIB * 1024L * 1024L, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public GallerySettings(Type type, int dimension, long maxIndexBytes, Path spoolDirectory) {
        this(type, dimension, maxIndexBytes, spoolDirectory, Deltas.DEFAULT);
    }

    public GallerySettings(Type type, int dimension, long maxIndexBytes, Path spoolDirectory, Deltas deltas) {
        if (maxIndexBytes <= 0) {
            throw new IllegalArgumentException("ROLLCALL_GALLERY_MAX_MIB must be positive");
        }
        this.type = type;
        this.dimension = dimension;
        this.maxIndexBytes = maxIndexBytes;
        this.spoolDirectory = spoolDirectory;
        this.deltas = deltas;
    }

    /** The same settings with other delta thresholds (tests and the benchmark). */
    public GallerySettings withDeltas(Deltas other) {
        return new GallerySettings(type, dimension, maxIndexBytes, spoolDirectory, other);
    }

    public Deltas deltas() {
        return deltas;
    }

    public int dimension() {
        return dimension;
    }

    public Type type() {
        return type;
    }

    /** Native bytes the indexes of one process may hold (the LRU's budget). */
    public long maxIndexBytes() {
        return maxIndexBytes;
    }

    /** Where snapshot files are spooled on their way to and from S3. */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /** From how many vectors {@link #specFor} is a graph; Long.MAX_VALUE: never. */
    long graphFrom() {
        return switch (type) {
            case FLAT -> Long.MAX_VALUE;
            case HNSW -> 1;
            case AUTO -> IndexSpec.HNSW_THRESHOLD;
        };
    }

    /** The index an organization with {@code vectors} vectors should have. */
    IndexSpec specFor(long vectors) {
        return switch (type) {
            case FLAT -> IndexSpec.exact(dimension);
            case HNSW -> IndexSpec.hnsw(dimension);
            case AUTO -> IndexSpec.forSize(dimension, vectors);
        };
    }
}
