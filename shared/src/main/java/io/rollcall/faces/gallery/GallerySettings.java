package io.rollcall.faces.gallery;

import java.nio.file.Path;

import io.rollcall.faces.index.IndexSpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How organizations' indexes are built and held. {@code FACE_INDEX_TYPE}: FLAT (exact, the default), HNSW
 * (approximate, for large organizations) or AUTO ({@link IndexSpec#forSize}: chosen by the organization's size,
 * docs/faces.md). {@code ROLLCALL_GALLERY_MAX_MIB}: the native memory all organizations' indexes of one process
 * may hold before the least recently used are evicted. {@code ROLLCALL_SNAPSHOT_SPOOL_DIR}: where snapshot files
 * are written and downloaded to on their way (the JVM's temp directory, /tmp on Lambda, by default).
 */
@Component
public class GallerySettings {

    public enum Type { FLAT, HNSW, AUTO }

    /** Default index budget: what a 2048 MB face function has left beside the JVM, the models and a frame. */
    public static final int DEFAULT_MAX_MIB = 1024;

    private final Type type;
    private final int dimension;
    private final long maxIndexBytes;
    private final Path spoolDirectory;

    @Autowired
    public GallerySettings(@Value("${FACE_INDEX_TYPE:FLAT}") String type,
                           @Value("${rollcall.faces.dimension:512}") int dimension,
                           @Value("${ROLLCALL_GALLERY_MAX_MIB:" + DEFAULT_MAX_MIB + "}") long maxMib,
                           @Value("${ROLLCALL_SNAPSHOT_SPOOL_DIR:${java.io.tmpdir}}") String spoolDirectory) {
        this(Type.valueOf(type.trim().toUpperCase()), dimension, maxMib * 1024 * 1024, Path.of(spoolDirectory));
    }

    public GallerySettings(Type type, int dimension) {
        this(type, dimension, DEFAULT_MAX_MIB * 1024L * 1024L, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public GallerySettings(Type type, int dimension, long maxIndexBytes, Path spoolDirectory) {
        if (maxIndexBytes <= 0) {
            throw new IllegalArgumentException("ROLLCALL_GALLERY_MAX_MIB must be positive");
        }
        this.type = type;
        this.dimension = dimension;
        this.maxIndexBytes = maxIndexBytes;
        this.spoolDirectory = spoolDirectory;
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

    /** The index an organization with {@code vectors} vectors should have. */
    IndexSpec specFor(long vectors) {
        return switch (type) {
            case FLAT -> IndexSpec.exact(dimension);
            case HNSW -> IndexSpec.hnsw(dimension);
            case AUTO -> IndexSpec.forSize(dimension, vectors);
        };
    }
}
