package io.rollcall.faces.gallery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import io.rollcall.faces.FaceModelVersion;
import io.rollcall.faces.index.FaissException;
import io.rollcall.faces.index.FaissIndex;
import io.rollcall.faces.index.IndexSpec;
import io.rollcall.faces.index.SearchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every organization's face index, as this process holds it: one FAISS index per organization, loaded from its
 * newest snapshot (or rebuilt from Postgres when the snapshot is missing, corrupt or of another model) and kept
 * in memory while its version in face_indexes stays the same.
 *
 * <p>Readers ({@link #search}) make one primary-key read per call to learn the current version and reload when
 * another instance has published a newer one. Writers ({@link #change}) run in one transaction that holds the
 * organization's face_indexes row FOR UPDATE: they change face_embeddings, apply the same change to the index of
 * the locked version, write the next snapshot and name it in the row, so concurrent enrollments are serialized
 * and none is lost (docs/faces.md).
 *
 * <p>A large organization's enrollment does not rewrite its snapshot: it records a delta (the ids it added) on top
 * of the base snapshot, and readers apply the deltas after loading the base; {@link #compact} writes a new base in
 * the background ({@link GallerySettings.Deltas}).
 */
@Service
public class Gallery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Gallery.class);

    /** How the index in memory came to be (tests and the benchmark look at it). */
    public enum Source { EMPTY, SNAPSHOT, SNAPSHOT_WITH_DELTAS, REBUILT, WRITTEN }

    /** The index this process holds for an organization. */
    public record Loaded(long version, Source source, long vectors, String factory) {
    }

    private static final class Slot {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        long version = -1;
        FaissIndex index;
        Source source;
        /** Native bytes of index (0 when none); read without the lock by the budget. */
        volatile long bytes;
        /** Tick of the last search or change: the LRU order. */
        volatile long lastUsed;
    }

    private final AtomicLong clock = new AtomicLong();

    private final Map<UUID, Slot> slots = new ConcurrentHashMap<>();
    private final IndexVersions versions;
    private final SnapshotStore snapshots;
    private final GalleryVectors vectors;
    private final GallerySettings settings;
    private final TransactionTemplate tx;
    private final String modelVersion;

    public Gallery(IndexVersions versions, SnapshotStore snapshots, GalleryVectors vectors, GallerySettings settings,
                   PlatformTransactionManager transactions, FaceModelVersion modelVersion) {
        this.versions = versions;
        this.snapshots = snapshots;
        this.vectors = vectors;
        this.settings = settings;
        this.tx = new TransactionTemplate(transactions);
        this.modelVersion = modelVersion.value();
    }

    public String modelVersion() {
        return modelVersion;
    }

    public int dimension() {
        return settings.dimension();
    }

    /** The k nearest enrolled vectors of each query (n queries of {@link #dimension()} floats), best first. */
    public SearchResult search(UUID organizationId, float[] queries, int k) {
        IndexVersions.Current current = versions.current(organizationId);
        Slot slot = slots.computeIfAbsent(organizationId, id -> new Slot());
        slot.lastUsed = clock.incrementAndGet();
        slot.lock.readLock().lock();
        try {
            if (slot.index != null && slot.version == current.version()) {
                return slot.index.search(queries, k);
            }
        } finally {
            slot.lock.readLock().unlock();
        }
        slot.lock.writeLock().lock();
        try {
            if (slot.index == null || slot.version != current.version()) {
                load(slot, organizationId, current, true);
            }
            slot.lock.readLock().lock(); // downgrade: search the index just loaded, not a later one
        } finally {
            slot.lock.writeLock().unlock();
        }
        try {
            return slot.index.search(queries, k);
        } finally {
            slot.lock.readLock().unlock();
            keepWithinBudget(slot);
        }
    }

    /**
     * Runs {@code work} in a transaction holding the organization's index lock; what it records in its
     * {@link IndexChange} is applied to the index and published as the next snapshot before the commit.
     */
    public <R> R change(UUID organizationId, Function<IndexChange, R> work) {
        Slot slot = slots.computeIfAbsent(organizationId, id -> new Slot());
        slot.lastUsed = clock.incrementAndGet();
        try {
            return changeLocked(organizationId, slot, work);
        } finally {
            keepWithinBudget(slot);
        }
    }

    private <R> R changeLocked(UUID organizationId, Slot slot, Function<IndexChange, R> work) {
        return tx.execute(status -> {
            IndexVersions.Current current = versions.lock(organizationId);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int outcome) {
                    if (outcome != STATUS_COMMITTED) {
                        evict(organizationId); // the index in memory may hold what was rolled back
                    }
                }
            });
            slot.lock.writeLock().lock();
            try {
                if (slot.index == null || slot.version != current.version()) {
                    load(slot, organizationId, current, false);
                }
                IndexChange change = new IndexChange();
                R result = work.apply(change);
                if (change.isEmpty()) {
                    return result;
                }
                slot.index.remove(change.removedIds());
                boolean erasing = change.removedIds().length > 0;
                boolean converted = false;
                if (erasing && isGraph(slot.index)) {
                    // a graph only tombstones what it removes, and rebuilding it here costs minutes at 1M: an exact
                    // copy of the live vectors keeps the erased ones out of every snapshot, and compactFaceIndexes
                    // builds the graph again in the background
                    replaceIndex(slot, slot.index.copyAs(IndexSpec.exact(settings.dimension())));
                    converted = true;
                } else if (erasing) {
                    slot.index.compact();
                }
                slot.index.add(change.addedIds(), change.addedVectors(settings.dimension()));
                IndexSpec spec = settings.specFor(slot.index.size());
                if (!spec.factory().equals(slot.index.factory()) && spec.kind() != IndexSpec.Kind.HNSW) {
                    replaceIndex(slot, slot.index.copyAs(spec)); // cheap: no graph to build
                    converted = true;
                }
                // a graph is never built in a request (24.8 s for 50,000 vectors on one thread, against a 30 s
                // timeout): an organization outgrowing exact search stays exact until compactFaceIndexes converts it
                tuneGraph(slot.index, spec);
                long next = current.version() + 1;
                if (!erasing && !converted && asDelta(current, slot, change)) {
                    versions.publishDelta(organizationId, next, change.addedIds(),
                            IndexSpec.kindNameOf(slot.index.factory()), slot.index.size());
                } else {
                    // keep the base readers may be loading right now (and its deltas), unless it holds erased
                    // vectors: then it goes too (a reader that misses it rebuilds from Postgres)
                    publishBase(organizationId, next, slot.index, erasing ? next : current.baseVersion());
                }
                slot.version = next;
                slot.source = Source.WRITTEN;
                slot.bytes = slot.index.memoryBytes();
                return result;
            } finally {
                slot.lock.writeLock().unlock();
            }
        });
    }

    private static boolean isGraph(FaissIndex index) {
        return index.factory().contains("HNSW");
    }

    private static void replaceIndex(Slot slot, FaissIndex copy) {
        slot.index.close();
        slot.index = copy;
    }

    /** AUTO widens the beam as the graph grows. */
    private static void tuneGraph(FaissIndex index, IndexSpec spec) {
        if (spec.kind() == IndexSpec.Kind.HNSW && isGraph(index)) {
            index.setParameter("efSearch", spec.efSearch());
        }
    }

    /**
     * Whether a change that only adds goes on the base snapshot as a delta: the organization is large enough for
     * its whole snapshot to cost, its base is a usable snapshot of this model, and the deltas stay within what a
     * reader applies on load.
     */
    private boolean asDelta(IndexVersions.Current current, Slot slot, IndexChange change) {
        GallerySettings.Deltas deltas = settings.deltas();
        return current.snapshotKey() != null && modelVersion.equals(current.modelVersion())
                && slot.source != Source.REBUILT && slot.index.size() >= deltas.fromVectors()
                && current.deltaVectors() + change.addedIds().length <= deltas.maxVectors();
    }

    /**
     * Writes the organization's index as a new base snapshot of its current version when it has deltas, so
     * readers load one object again, or when it is not of the kind its size calls for: the graph a request never
     * builds (an organization past AUTO's line, or one whose graph an erasure turned exact) is built here, outside
     * the organization's lock ({@link #prepareGraph}, then {@link #publishGraph}), so enrollments do not wait for
     * it. Skipped (false) when a writer holds the lock, when an erasure came between, or when there is nothing to
     * do. The version does not change: instances holding it keep their index, of the same vectors.
     */
    public boolean compact(UUID organizationId) {
        if (versions.needsAnotherKind(organizationId, settings.graphFrom())) {
            Optional<PreparedGraph> prepared = prepareGraph(organizationId);
            if (prepared.isPresent()) {
                return publishGraph(prepared.get());
            }
            // no usable snapshot to build from without the lock: built under it, below
        }
        Slot slot = slots.computeIfAbsent(organizationId, id -> new Slot());
        try {
            return Boolean.TRUE.equals(tx.execute(status -> {
                IndexVersions.Current current = versions.tryLock(organizationId).orElse(null);
                if (current == null || !current.hasDeltas() && !versions.needsAnotherKind(organizationId, settings.graphFrom())) {
                    return false;
                }
                slot.lock.writeLock().lock();
                try {
                    if (slot.index == null || slot.version != current.version()) {
                        load(slot, organizationId, current, false);
                    }
                    IndexSpec spec = settings.specFor(slot.index.size());
                    if (!spec.factory().equals(slot.index.factory())) {
                        replaceIndex(slot, slot.index.copyAs(spec));
                        tuneGraph(slot.index, spec);
                        slot.bytes = slot.index.memoryBytes();
                        log.info("index of {} v{}: converted to {}", organizationId, current.version(), spec.factory());
                    }
                    publishBase(organizationId, current.version(), slot.index, current.baseVersion());
                    log.info("index of {} v{}: compacted {} delta vectors into a new base snapshot", organizationId,
                            current.version(), current.deltaVectors());
                    return true;
                } finally {
                    slot.lock.writeLock().unlock();
                }
            }));
        } finally {
            keepWithinBudget(slot);
        }
    }

    /** A graph built by {@link #prepareGraph} from the organization's index as it was at {@code version}. */
    public record PreparedGraph(UUID organizationId, long version, long baseVersion, FaissIndex graph) {
    }

    /**
     * The slow half of a conversion, with no lock held, so that enrollments go on meanwhile: a private copy of the
     * organization's index from its snapshot and deltas, and from it the graph its size calls for (minutes at 1M).
     * Empty when the organization's index already is of that kind, or when it has no usable snapshot (then
     * {@link #compact} converts under the lock, from what it rebuilds). Peak memory: the copy and the graph.
     */
    public Optional<PreparedGraph> prepareGraph(UUID organizationId) {
        IndexVersions.Current current = versions.current(organizationId);
        if (current.version() == 0) {
            return Optional.empty();
        }
        // this instance's own copy goes first: the private copy and the graph are what compaction's memory is sized
        // for (4 GB: at 1M 2 GB exact + 1.3 GB graph); a search here reloads it
        evict(organizationId);
        FaissIndex copy = readSnapshot(organizationId, current);
        if (copy != null && current.hasDeltas() && !applyDeltas(copy, organizationId, current)) {
            copy.close();
            copy = null;
        }
        if (copy == null) {
            return Optional.empty();
        }
        try {
            IndexSpec spec = settings.specFor(copy.size());
            if (spec.factory().equals(copy.factory())) {
                return Optional.empty();
            }
            long t0 = System.nanoTime();
            FaissIndex graph = copy.copyAs(spec);
            tuneGraph(graph, spec);
            log.info("index of {} v{}: {} built outside the lock in {} ms", organizationId, current.version(),
                    spec.factory(), (System.nanoTime() - t0) / 1_000_000);
            return Optional.of(new PreparedGraph(organizationId, current.version(), current.baseVersion(), graph));
        } finally {
            copy.close();
        }
    }

    /**
     * The quick half: under the organization's lock, adds to the prepared graph what enrollments recorded since
     * (their deltas, on the same base) and publishes it as the new base of the current version. False, and the
     * graph discarded, when a new base was published meanwhile (an erasure: the graph may hold what it erased).
     */
    public boolean publishGraph(PreparedGraph prepared) {
        UUID organizationId = prepared.organizationId();
        Slot slot = slots.computeIfAbsent(organizationId, id -> new Slot());
        AtomicBoolean slotOwnsTheGraph = new AtomicBoolean();
        try {
            return Boolean.TRUE.equals(tx.execute(status -> {
                IndexVersions.Current current = versions.lock(organizationId);
                if (current.baseVersion() != prepared.baseVersion() || current.version() < prepared.version()) {
                    log.info("index of {}: a new base v{} since the graph was prepared at v{}, graph discarded",
                            organizationId, current.baseVersion(), prepared.version());
                    return false;
                }
                FaissIndex graph = prepared.graph();
                if (current.version() > prepared.version()) {
                    IndexVersions.DeltaRows since = versions.deltas(organizationId, prepared.version(), current.version());
                    if (since.versions() != current.version() - prepared.version()) {
                        log.info("index of {}: deltas after v{} pruned meanwhile, graph discarded", organizationId,
                                prepared.version());
                        return false;
                    }
                    GalleryVectors.Batch batch = vectors.byIds(organizationId, modelVersion, settings.dimension(), since.ids());
                    graph.add(batch.ids(), batch.vectors());
                    tuneGraph(graph, settings.specFor(graph.size()));
                }
                publishBase(organizationId, current.version(), graph, current.baseVersion());
                slot.lock.writeLock().lock();
                try {
                    replace(slot, current.version(), graph, Source.WRITTEN);
                    slotOwnsTheGraph.set(true); // same vectors at that version, whether or not the commit succeeds
                } finally {
                    slot.lock.writeLock().unlock();
                }
                log.info("index of {} v{}: converted to {} ({} enrollments caught up)", organizationId, current.version(),
                        graph.factory(), current.version() - prepared.version());
                return true;
            }));
        } finally {
            if (!slotOwnsTheGraph.get()) {
                prepared.graph().close();
            }
            keepWithinBudget(slot);
        }
    }

    /**
     * Publishes {@code index} as the whole snapshot of {@code version}, a new base with no deltas, and drops what
     * only readers of bases before {@code keepFrom} could need: its delta rows now, the snapshots after the commit.
     * The caller holds the row lock.
     */
    private void publishBase(UUID organizationId, long version, FaissIndex index, long keepFrom) {
        String key = publishSnapshot(organizationId, version, index);
        versions.publish(organizationId, version, key, modelVersion, IndexSpec.kindNameOf(index.factory()), index.size());
        versions.pruneDeltas(organizationId, keepFrom);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                snapshots.prune(organizationId, keepFrom);
            }
        });
    }

    /**
     * Compacts every organization whose deltas reached {@link GallerySettings.Deltas#compactAt()} or whose index
     * should be a graph and is not; how many it did.
     */
    public int compactAll() {
        int compacted = 0;
        java.util.Set<UUID> due = new java.util.LinkedHashSet<>(versions.withDeltasOf(settings.deltas().compactAt()));
        due.addAll(versions.needingAGraph(settings.graphFrom()));
        for (UUID organizationId : due) {
            try {
                if (compact(organizationId)) {
                    compacted++;
                }
            } catch (RuntimeException e) {
                // one organization's failure (S3 down, say) must not keep the others' deltas growing
                log.warn("index of {}: compaction failed: {}", organizationId, e.toString());
            }
        }
        return compacted;
    }

    /** What this process holds for an organization, if anything. */
    public Optional<Loaded> loaded(UUID organizationId) {
        Slot slot = slots.get(organizationId);
        if (slot == null) {
            return Optional.empty();
        }
        slot.lock.readLock().lock();
        try {
            return slot.index == null ? Optional.empty()
                    : Optional.of(new Loaded(slot.version, slot.source, slot.index.size(), slot.index.factory()));
        } finally {
            slot.lock.readLock().unlock();
        }
    }

    /** Forgets an organization's index; the next use loads it again. */
    public void evict(UUID organizationId) {
        Slot slot = slots.get(organizationId);
        if (slot != null) {
            slot.lock.writeLock().lock();
            try {
                replace(slot, -1, null, null);
            } finally {
                slot.lock.writeLock().unlock();
            }
        }
    }

    @Override
    public void destroy() {
        slots.keySet().forEach(this::evict);
    }

    // Caller holds the slot's write lock.
    private void load(Slot slot, UUID organizationId, IndexVersions.Current current, boolean repair) {
        if (current.version() == 0) {
            replace(slot, 0, FaissIndex.create(settings.specFor(0)), Source.EMPTY);
            return;
        }
        FaissIndex fromSnapshot = readSnapshot(organizationId, current);
        if (fromSnapshot != null && current.hasDeltas() && !applyDeltas(fromSnapshot, organizationId, current)) {
            fromSnapshot.close();
            fromSnapshot = null;
        }
        if (fromSnapshot != null) {
            replace(slot, current.version(), fromSnapshot, current.hasDeltas() ? Source.SNAPSHOT_WITH_DELTAS : Source.SNAPSHOT);
            return;
        }
        FaissIndex rebuilt = rebuild(organizationId);
        replace(slot, current.version(), rebuilt, Source.REBUILT);
        if (repair) {
            repair(organizationId, current.version(), rebuilt);
        }
    }

    private FaissIndex readSnapshot(UUID organizationId, IndexVersions.Current current) {
        if (current.snapshotKey() == null || !modelVersion.equals(current.modelVersion())) {
            log.info("index of {} v{}: no snapshot of model {}, rebuilding from Postgres", organizationId, current.version(), modelVersion);
            return null;
        }
        long t0 = System.nanoTime();
        try {
            Optional<InputStream> download = snapshots.open(current.snapshotKey());
            if (download.isEmpty()) {
                log.warn("index of {} v{}: snapshot {} is missing, rebuilding from Postgres", organizationId, current.version(), current.snapshotKey());
                return null;
            }
            // streamed: FAISS parses the parts as they arrive, into the index's memory (no /tmp, no second copy)
            return readStreamed(organizationId, current, download.get(), t0);
        } catch (IllegalArgumentException | FaissException e) {
            log.warn("index of {} v{}: snapshot {} is unusable ({}), rebuilding from Postgres", organizationId,
                    current.version(), current.snapshotKey(), e.getMessage());
            return null;
        }
    }

    private FaissIndex readStreamed(UUID organizationId, IndexVersions.Current current, InputStream download, long t0) {
        try (InputStream in = download) {
            FaissIndex index = FaissIndex.readFrom(in);
            if (index.dimension() != settings.dimension()) {
                index.close();
                throw new IllegalArgumentException("snapshot has dimension " + index.dimension());
            }
            log.info("index of {} v{}: snapshot {} loaded in {} ms (download and read, overlapped)", organizationId,
                    current.version(), current.snapshotKey(), (System.nanoTime() - t0) / 1_000_000);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + current.snapshotKey(), e);
        }
    }

    /**
     * Adds to the base snapshot's index the vectors of the versions after it; false when a delta row is missing
     * (an erasure or a compaction pruned them since the row was read): then the caller rebuilds from Postgres.
     */
    private boolean applyDeltas(FaissIndex base, UUID organizationId, IndexVersions.Current current) {
        long t0 = System.nanoTime();
        IndexVersions.DeltaRows deltas = versions.deltas(organizationId, current.baseVersion(), current.version());
        int found = deltas.versions();
        if (found != current.version() - current.baseVersion()) {
            log.warn("index of {} v{}: {} of the deltas after base v{} are gone, rebuilding from Postgres", organizationId,
                    current.version(), current.version() - current.baseVersion() - found, current.baseVersion());
            return false;
        }
        GalleryVectors.Batch batch = vectors.byIds(organizationId, modelVersion, settings.dimension(), deltas.ids());
        long t1 = System.nanoTime();
        base.add(batch.ids(), batch.vectors());
        log.info("index of {} v{}: {} delta vectors on base v{} (read {} ms, added {} ms)", organizationId, current.version(),
                batch.ids().length, current.baseVersion(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        return true;
    }

    /** Writes the index to a spool file, uploads it as that version's snapshot, deletes the file; returns the key. */
    private String publishSnapshot(UUID organizationId, long version, FaissIndex index) {
        Path file = spoolFile(organizationId);
        try {
            index.writeTo(file);
            return snapshots.put(organizationId, version, file);
        } finally {
            deleteQuietly(file);
        }
    }

    private Path spoolFile(UUID organizationId) {
        try {
            Files.createDirectories(settings.spoolDirectory());
            return Files.createTempFile(settings.spoolDirectory(), "index-" + organizationId + "-", ".faiss");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file in " + settings.spoolDirectory(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete spool file {}: {}", file, e.toString());
        }
    }

    /**
     * Evicts the least recently used organizations' indexes until those held fit in
     * {@link GallerySettings#maxIndexBytes()}. The one just used is never evicted (an organization larger than the
     * budget alone stays loaded while it is the newest), nor an index someone is searching or changing right now
     * (tryLock): eviction never makes a caller wait.
     */
    private void keepWithinBudget(Slot justUsed) {
        long budget = settings.maxIndexBytes();
        long held = slots.values().stream().mapToLong(slot -> slot.bytes).sum();
        if (held <= budget) {
            return;
        }
        List<Map.Entry<UUID, Slot>> byAge = new ArrayList<>(slots.entrySet());
        byAge.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
        for (Map.Entry<UUID, Slot> entry : byAge) {
            Slot slot = entry.getValue();
            if (held <= budget) {
                return;
            }
            if (slot == justUsed || slot.bytes == 0 || !slot.lock.writeLock().tryLock()) {
                continue;
            }
            try {
                long freed = slot.bytes;
                replace(slot, -1, null, null);
                held -= freed;
                log.info("index of {} evicted ({} MiB; budget {} MiB)", entry.getKey(), freed >> 20, budget >> 20);
            } finally {
                slot.lock.writeLock().unlock();
            }
        }
    }

    /** Native bytes of all the indexes this process holds (what the budget bounds). */
    public long heldBytes() {
        return slots.values().stream().mapToLong(slot -> slot.bytes).sum();
    }

    /**
     * The index from face_embeddings alone: every vector of the current model of the organization's active users,
     * exact (a reader rebuilding in a request builds no graph; compactFaceIndexes converts it).
     */
    private FaissIndex rebuild(UUID organizationId) {
        GalleryVectors.Batch batch = vectors.searchable(organizationId, modelVersion, settings.dimension());
        IndexSpec wanted = settings.specFor(batch.ids().length);
        FaissIndex index = FaissIndex.create(wanted.kind() == IndexSpec.Kind.HNSW && batch.ids().length > 0
                ? IndexSpec.exact(settings.dimension()) : wanted);
        try {
            index.add(batch.ids(), batch.vectors());
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /**
     * Rewrites a bad snapshot from the rebuilt index, so other instances stop rebuilding too; skipped when a
     * writer holds the lock (it is about to publish a new snapshot anyway) or the version moved on.
     */
    private void repair(UUID organizationId, long version, FaissIndex rebuilt) {
        try {
            tx.executeWithoutResult(status -> versions.tryLock(organizationId)
                    .filter(locked -> locked.version() == version)
                    .ifPresent(locked -> {
                        String key = publishSnapshot(organizationId, version, rebuilt);
                        versions.publish(organizationId, version, key, modelVersion,
                                IndexSpec.kindNameOf(rebuilt.factory()), rebuilt.size());
                        log.info("index of {} v{}: snapshot rewritten from Postgres", organizationId, version);
                    }));
        } catch (RuntimeException e) {
            log.warn("index of {}: could not rewrite the snapshot: {}", organizationId, e.toString());
        }
    }

    private static void replace(Slot slot, long version, FaissIndex index, Source source) {
        if (slot.index != null && slot.index != index) {
            slot.index.close();
        }
        slot.index = index;
        slot.version = version;
        slot.source = source;
        slot.bytes = index == null ? 0 : index.memoryBytes();
    }
}
