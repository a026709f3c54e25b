package io.rollcall.faces.gallery;

import io.rollcall.faces.index.IndexSpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How organizations' indexes are built. {@code FACE_INDEX_TYPE}: FLAT (exact, the default), HNSW (approximate,
 * for large organizations) or AUTO (FLAT below {@link IndexSpec#HNSW_THRESHOLD} vectors, HNSW from there on).
 */
@Component
public class GallerySettings {

    public enum Type { FLAT, HNSW, AUTO }

    private final Type type;
    private final int dimension;

    @Autowired
    public GallerySettings(@Value("${FACE_INDEX_TYPE:FLAT}") String type,
                           @Value("${rollcall.faces.dimension:512}") int dimension) {
        this(Type.valueOf(type.trim().toUpperCase()), dimension);
    }

    public GallerySettings(Type type, int dimension) {
        this.type = type;
        this.dimension = dimension;
    }

    public int dimension() {
        return dimension;
    }

    public Type type() {
        return type;
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
