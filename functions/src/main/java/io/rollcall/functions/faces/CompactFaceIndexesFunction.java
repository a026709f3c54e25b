package io.rollcall.functions.faces;

import java.util.Map;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.rollcall.faces.gallery.Gallery;
import org.springframework.stereotype.Component;

/**
 * compactFaceIndexes, every 10 minutes: writes a new base snapshot for each organization whose enrollments since its
 * base have grown to ROLLCALL_INDEX_COMPACT_AT vectors, so that loading its index stays one object plus a few deltas
 * (docs/faces.md). An organization a writer holds right now is left for the next run.
 */
@Component("compactFaceIndexes")
public class CompactFaceIndexesFunction implements Function<ScheduledEvent, Map<String, Integer>> {

    private final Gallery gallery;

    public CompactFaceIndexesFunction(Gallery gallery) {
        this.gallery = gallery;
    }

    @Override
    public Map<String, Integer> apply(ScheduledEvent event) {
        return Map.of("compacted", gallery.compactAll());
    }
}
