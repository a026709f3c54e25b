package io.rollcall.faces.imports;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.index.Metric;
import io.rollcall.faces.index.SearchResult;

/**
 * The faces an import has stored but not yet published, searchable: an exact in-memory FAISS index, so checking a
 * new photo against everything imported so far costs one search, not a scan of every earlier vector (an import of
 * 30,000 photos would otherwise compare ~450 million pairs). Closed with the run that holds it.
 */
final class ImportedFaces implements AutoCloseable {

    /** Created by the first face: its length is the dimension. */
    private FaissIndex index;
    private final Map<Long, UUID> owners = new HashMap<>();
    /** Neighbours asked for: one more than a person's photos, so another person's best face is always among them. */
    private final int k;

    ImportedFaces(int maxImagesPerUser, Collection<ImportPhotos.Unpublished> earlier) {
        this.k = maxImagesPerUser + 1;
        earlier.forEach(this::add);
    }

    void add(ImportPhotos.Unpublished face) {
        if (index == null) {
            index = FaissIndex.create(face.vector().length, "IDMap2,Flat", Metric.INNER_PRODUCT, Map.of());
        }
        index.add(new long[] {face.indexId()}, face.vector());
        owners.put(face.indexId(), face.userId());
    }

    /** Another person of this import whose face scores at least {@code threshold} against {@code vector}. */
    Optional<UUID> otherPerson(UUID userId, float[] vector, double threshold) {
        if (index == null) {
            return Optional.empty();
        }
        SearchResult result = index.search(vector, k);
        return result.hits(0).stream()
                .filter(hit -> hit.score() >= threshold)
                .map(hit -> owners.get(hit.id()))
                .filter(owner -> owner != null && !owner.equals(userId))
                .findFirst();
    }

    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
    }
}
