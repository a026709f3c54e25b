package io.rollcall.faces.index;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * A FAISS index in native memory, addressed by our own 64-bit ids (the factory string must start
 * with {@code IDMap2,}). Vectors are passed as flat {@code float[]}: n vectors of
 * {@link #dimension()} floats back to back. For cosine similarity use {@link IndexSpec} and
 * L2-normalise the vectors first ({@link Vectors#normalize}).
 *
 * <p>Thread safety: searches run in parallel; add, remove, train, compact and parameter changes
 * are exclusive (FAISS indexes are not safe for a write during a read). Close it when done:
 * the native memory is not garbage-collected.
 *
 * <p>Removal: Flat indexes remove natively. HNSW cannot delete a graph node, so removed ids
 * become tombstones that searches skip (by asking FAISS for k + tombstones neighbours); once
 * there are more than {@link #MAX_TOMBSTONES}, or when an id is re-added, the index is rebuilt
 * from the live vectors ({@link #compact()}). Tombstones are kept in {@link #toBytes()}.
 */
public final class FaissIndex implements AutoCloseable {

    /** Tombstones beyond this trigger a rebuild, so a search never over-fetches more than this. */
    public static final int MAX_TOMBSTONES = 256;

    private static final byte[] MAGIC = {'R', 'C', 'F', 'A', 'I', 'S', 'S', '1'};
    /** Snapshot files: the FAISS section's length is a long, so no 2 GiB limit. */
    private static final byte[] MAGIC_FILE = {'R', 'C', 'F', 'A', 'I', 'S', 'S', '2'};
    private static final int REBUILD_BATCH = 16_384;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final String factory;
    private final Map<String, Double> parameters;
    private final Set<Long> tombstones = new HashSet<>();
    private final int dimension;
    private final Metric metric;
    private long handle; // 0 once closed
    private boolean removesNatively;

    private FaissIndex(long handle, String factory, Map<String, Double> parameters) {
        this.handle = handle;
        this.factory = factory;
        this.parameters = new LinkedHashMap<>(parameters);
        this.dimension = FaissNative.dimension(handle);
        this.metric = Metric.of(FaissNative.metric(handle));
        this.removesNatively = FaissNative.supportsRemove(handle);
    }

    /** A new empty index as described by {@code spec} (inner product). */
    public static FaissIndex create(IndexSpec spec) {
        return create(spec.dimension(), spec.factory(), Metric.INNER_PRODUCT, spec.parameters());
    }

    /**
     * A new empty index from a FAISS index_factory string such as {@code "IDMap2,Flat"} or
     * {@code "IDMap2,HNSW32"}; {@code parameters} (e.g. efSearch, efConstruction, nprobe) are applied at once
     * and again after every rebuild.
     */
    public static FaissIndex create(int dimension, String factory, Metric metric, Map<String, Double> parameters) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        if (factory == null || !factory.startsWith("IDMap2,")) {
            throw new IllegalArgumentException("factory must start with \"IDMap2,\" so our ids come back: " + factory);
        }
        FaissNative.ensureLoaded();
        long handle = newHandle(dimension, factory, metric, parameters);
        return new FaissIndex(handle, factory, parameters);
    }

    private static long newHandle(int dimension, String factory, Metric metric, Map<String, Double> parameters) {
        long handle = FaissNative.create(dimension, factory, metric.code);
        try {
            if (factory.endsWith(",SQfp16") && !FaissNative.isTrained(handle)) {
                // 16-bit storage learns nothing from data, but HNSW over it still waits for a train() call
                FaissNative.train(handle, new float[dimension]);
            }
            parameters.forEach((name, value) -> FaissNative.setParameter(handle, name, value));
        } catch (RuntimeException e) {
            FaissNative.free(handle);
            throw e;
        }
        return handle;
    }

    public int dimension() {
        return dimension;
    }

    public Metric metric() {
        return metric;
    }

    public String factory() {
        return factory;
    }

    /** Number of live vectors (removed ids not counted). */
    public long size() {
        return read(() -> FaissNative.ntotal(handle) - tombstones.size());
    }

    public boolean contains(long id) {
        return read(() -> !tombstones.contains(id) && FaissNative.contains(handle, id));
    }

    /** Only needed for trained index types (e.g. IVF); Flat and HNSW are always trained. */
    public void train(float[] vectors) {
        int n = count(vectors, "training vectors");
        write(() -> {
            if (n > 0) {
                FaissNative.train(handle, vectors);
            }
            return null;
        });
    }

    /** Adds {@code ids.length} vectors. Ids should be new; re-adding a removed id is fine. */
    public void add(long[] ids, float[] vectors) {
        if (ids == null) {
            throw new IllegalArgumentException("ids are required");
        }
        int n = count(vectors, "vectors");
        if (n != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids for " + n + " vectors of dimension " + dimension);
        }
        write(() -> {
            if (!FaissNative.isTrained(handle)) {
                throw new IllegalStateException("index " + factory + " must be trained before add");
            }
            // A graph index still holds a tombstoned id's old vector: drop it before the id comes back.
            if (!tombstones.isEmpty() && Arrays.stream(ids).anyMatch(tombstones::contains)) {
                rebuild();
            }
            if (n > 0) {
                FaissNative.add(handle, ids, vectors);
            }
            return null;
        });
    }

    /** The k best matches of each query, best first; when the index holds fewer than k vectors the rest are {@link SearchResult#NONE}. */
    public SearchResult search(float[] queries, int k) {
        int n = count(queries, "queries");
        if (n == 0) {
            throw new IllegalArgumentException("no queries");
        }
        if (k <= 0 || (long) n * k > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("k out of range: " + k);
        }
        return read(() -> {
            if (tombstones.isEmpty()) {
                float[] scores = new float[n * k];
                long[] ids = new long[n * k];
                FaissNative.search(handle, queries, k, scores, ids);
                return new SearchResult(n, k, ids, scores);
            }
            return searchSkippingTombstones(queries, n, k);
        });
    }

    private SearchResult searchSkippingTombstones(float[] queries, int n, int k) {
        int wide = k + tombstones.size();
        float[] wideScores = new float[n * wide];
        long[] wideIds = new long[n * wide];
        FaissNative.search(handle, queries, wide, wideScores, wideIds);
        float[] scores = new float[n * k];
        long[] ids = new long[n * k];
        Arrays.fill(ids, SearchResult.NONE);
        for (int q = 0; q < n; q++) {
            int out = 0;
            for (int r = 0; r < wide && out < k; r++) {
                long id = wideIds[q * wide + r];
                if (id != SearchResult.NONE && !tombstones.contains(id)) {
                    ids[q * k + out] = id;
                    scores[q * k + out] = wideScores[q * wide + r];
                    out++;
                }
            }
        }
        return new SearchResult(n, k, ids, scores);
    }

    /** Removes the given ids (unknown ids are ignored) and returns how many were removed. */
    public long remove(long[] ids) {
        if (ids == null) {
            throw new IllegalArgumentException("ids are required");
        }
        return write(() -> {
            if (removesNatively) {
                return ids.length == 0 ? 0L : FaissNative.remove(handle, ids);
            }
            long removed = 0;
            for (long id : ids) {
                if (!tombstones.contains(id) && FaissNative.contains(handle, id)) {
                    tombstones.add(id);
                    removed++;
                }
            }
            if (tombstones.size() > MAX_TOMBSTONES) {
                rebuild();
            }
            return removed;
        });
    }

    /** Rebuilds the index from its live vectors, dropping tombstones (a no-op when there are none). */
    public void compact() {
        write(() -> {
            if (!tombstones.isEmpty()) {
                rebuild();
            }
            return null;
        });
    }

    /** Sets a FAISS search/build parameter (efSearch, efConstruction for HNSW; nprobe for IVF); kept across rebuilds. */
    public void setParameter(String name, double value) {
        write(() -> {
            FaissNative.setParameter(handle, name, value);
            parameters.put(name, value);
            return null;
        });
    }

    /**
     * A new index of another kind holding the same live vectors and ids, e.g. when an
     * organization outgrows an exact index. This index stays open and unchanged.
     */
    public FaissIndex copyAs(IndexSpec spec) {
        if (spec.dimension() != dimension) {
            throw new IllegalArgumentException("dimension " + spec.dimension() + " != " + dimension);
        }
        return read(() -> {
            FaissIndex copy = create(spec);
            try {
                copyLiveVectors(handle, copy.handle);
                return copy;
            } catch (RuntimeException e) {
                copy.close();
                throw e;
            }
        });
    }

    // Caller holds the write lock. Builds a fresh index of the same factory from the live vectors, then swaps.
    private void rebuild() {
        long fresh = newHandle(dimension, factory, metric, parameters);
        try {
            copyLiveVectors(handle, fresh);
        } catch (RuntimeException e) {
            FaissNative.free(fresh);
            throw e;
        }
        FaissNative.free(handle);
        handle = fresh;
        tombstones.clear();
        removesNatively = FaissNative.supportsRemove(handle);
    }

    private void copyLiveVectors(long from, long to) {
        long[] live = Arrays.stream(FaissNative.ids(from)).filter(id -> !tombstones.contains(id)).toArray();
        for (int start = 0; start < live.length; start += REBUILD_BATCH) {
            long[] batch = Arrays.copyOfRange(live, start, Math.min(live.length, start + REBUILD_BATCH));
            FaissNative.add(to, batch, FaissNative.reconstruct(from, batch));
        }
    }

    /**
     * A self-checking snapshot: header (magic, factory, parameters, tombstones), FAISS's own
     * serialisation, CRC32 of all of it. {@link #fromBytes} rejects anything else before FAISS sees it.
     */
    public byte[] toBytes() {
        return read(() -> {
            byte[] faiss = FaissNative.serialize(handle);
            byte[] headerBytes = header(MAGIC, false, faiss.length);
            // assembled in one array of the final size: a large index is close to the 2 GiB byte[] limit
            int h = headerBytes.length;
            if ((long) h + faiss.length + 8 > Integer.MAX_VALUE - 8) {
                throw new FaissException("index of " + faiss.length + " bytes is too large for a byte[] snapshot");
            }
            byte[] bytes = new byte[h + faiss.length + 8];
            System.arraycopy(headerBytes, 0, bytes, 0, h);
            System.arraycopy(faiss, 0, bytes, h, faiss.length);
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, h + faiss.length);
            ByteBuffer.wrap(bytes, h + faiss.length, 8).putLong(crc.getValue());
            return bytes;
        });
    }

    /** Loads a snapshot made by {@link #toBytes()} or {@link #writeTo}; corrupt or foreign bytes give IllegalArgumentException. */
    public static FaissIndex fromBytes(byte[] bytes) {
        boolean wide = bytes != null && bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC_FILE, 0, MAGIC.length);
        if (bytes == null || bytes.length < MAGIC.length + 8
                || !(wide || Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length))) {
            throw new IllegalArgumentException("not a FaissIndex snapshot");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong()) {
            throw new IllegalArgumentException("corrupt FaissIndex snapshot (checksum mismatch)");
        }
        FaissNative.ensureLoaded();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, MAGIC.length, bytes.length - 8 - MAGIC.length))) {
            Header header = readHeader(in, wide);
            long offset = MAGIC.length + header.bytes;
            if (header.faissLength != bytes.length - 8 - offset) {
                throw new IllegalArgumentException("corrupt FaissIndex snapshot (length mismatch)");
            }
            return wrap(FaissNative.deserialize(bytes, (int) offset, (int) header.faissLength), header);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt FaissIndex snapshot: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a snapshot to {@code file} (created or replaced), streamed: FAISS's {@code write_index} appends to the
     * file itself, so no Java array holds the index and any size works. Format ({@code RCFAISS2}): magic, factory,
     * parameters, tombstones, the FAISS section's length (a long), FAISS's serialisation, CRC32 of all of it.
     * Returns the file's size.
     */
    public long writeTo(Path file) {
        return read(() -> {
            try {
                byte[] header = header(MAGIC_FILE, true, 0L);
                Files.write(file, header);
                long faissBytes = FaissNative.writeTo(handle, file.toAbsolutePath().toString());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    // the FAISS section's length goes in the last 8 bytes of the header, known only now
                    channel.write(ByteBuffer.allocate(8).putLong(0, faissBytes), header.length - 8L);
                    long crc = crc(channel, channel.size());
                    channel.write(ByteBuffer.allocate(8).putLong(0, crc), channel.size());
                    channel.force(false);
                    return channel.size();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write index snapshot " + file, e);
            }
        });
    }

    /**
     * Loads a snapshot file written by {@link #writeTo} (or the bytes of {@link #toBytes} saved to a file): the
     * checksum is verified by streaming over the file, then FAISS's {@code read_index} reads the index straight from
     * it. Corrupt or foreign files give IllegalArgumentException.
     */
    public static FaissIndex readFrom(Path file) {
        FaissNative.ensureLoaded();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
            channel.read(magic, 0);
            boolean wide = Arrays.equals(magic.array(), MAGIC_FILE);
            if (size < MAGIC.length + 8 || !(wide || Arrays.equals(magic.array(), MAGIC))) {
                throw new IllegalArgumentException("not a FaissIndex snapshot");
            }
            ByteBuffer stored = ByteBuffer.allocate(8);
            channel.read(stored, size - 8);
            if (crc(channel, size - 8) != stored.getLong(0)) {
                throw new IllegalArgumentException("corrupt FaissIndex snapshot (checksum mismatch)");
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel.position(MAGIC.length))));
            Header header = readHeader(in, wide);
            long offset = MAGIC.length + header.bytes;
            if (header.faissLength != size - 8 - offset) {
                throw new IllegalArgumentException("corrupt FaissIndex snapshot (length mismatch)");
            }
            long handle = FaissNative.readFrom(file.toAbsolutePath().toString(), offset);
            return wrap(handle, header);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable FaissIndex snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a snapshot written by {@link #writeTo} from a stream (a download in progress: {@code SnapshotStore.open}):
     * the header first, then FAISS's {@code read_index} reads the index from the stream straight into the index's own
     * memory as the bytes arrive, and the CRC32 of everything is checked at the end, before the index is returned. No
     * file and no second copy, and the download overlaps the parsing. Truncated, foreign or corrupt bytes give
     * IllegalArgumentException, but a corrupt FAISS section is only caught by FAISS's own checks or, at the end, by
     * the CRC, and a corrupt length in it could make FAISS allocate that much first: the source must deliver checked
     * bytes ({@code SnapshotStore.open} checks each part's CRC32 before handing it on), unlike {@link #readFrom(Path)},
     * which checks the whole file first. The stream's own failures arrive as UncheckedIOException. The stream is read
     * to the snapshot's end, not closed.
     */
    public static FaissIndex readFrom(InputStream stream) {
        FaissNative.ensureLoaded();
        CRC32 crc = new CRC32();
        CheckedInputStream checked = new CheckedInputStream(stream, crc);
        long handle = 0;
        try {
            // unbuffered: the bytes after the header belong to FAISS
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = in.readNBytes(MAGIC.length);
            boolean wide = Arrays.equals(magic, MAGIC_FILE);
            if (!(wide || Arrays.equals(magic, MAGIC))) {
                throw new IllegalArgumentException("not a FaissIndex snapshot");
            }
            Header header = readHeader(in, wide);
            StreamedSection section = new StreamedSection(checked, header.faissLength);
            try {
                handle = FaissNative.readFromSource(section);
            } catch (FaissException e) {
                throw new IllegalArgumentException("corrupt FaissIndex snapshot: " + e.getMessage(), e);
            }
            if (section.remaining != 0) {
                throw new IllegalArgumentException("corrupt FaissIndex snapshot (length mismatch)");
            }
            long computed = crc.getValue();
            if (computed != new DataInputStream(stream).readLong()) {
                throw new IllegalArgumentException("corrupt FaissIndex snapshot (checksum mismatch)");
            }
            FaissIndex index = wrap(handle, header);
            handle = 0;
            return index;
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated FaissIndex snapshot", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a FaissIndex snapshot", e);
        } finally {
            if (handle != 0) {
                FaissNative.free(handle);
            }
        }
    }

    /** The FAISS section of a streamed snapshot, handed to FAISS as it asks (faiss_jni.cpp's reader calls fill). */
    static final class StreamedSection {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 20];
        private long remaining;

        StreamedSection(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        /** Copies the next bytes of the section into {@code target}; -1 at the section's or the stream's end. */
        int fill(ByteBuffer target) {
            int wanted = (int) Math.min(target.remaining(), remaining);
            int done = 0;
            try {
                while (done < wanted) {
                    int n = in.read(chunk, 0, Math.min(chunk.length, wanted - done));
                    if (n < 0) {
                        break;
                    }
                    target.put(chunk, 0, n);
                    done += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a FaissIndex snapshot", e);
            }
            remaining -= done;
            return done == 0 ? -1 : done;
        }
    }

    /** Native memory the index holds (vectors or codes, graph, id maps), estimated from its structures. */
    public long memoryBytes() {
        return read(() -> FaissNative.memoryBytes(handle));
    }

    /** Which FAISS build this process loaded: {@code "avx2"} or {@code "generic"} (chosen by the CPU's flags). */
    public static String simd() {
        return FaissNative.simd().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static long crc(FileChannel channel, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (long position = 0; position < length; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("file ended at " + position + " of " + length);
            }
            position += n;
            crc.update(buffer.flip());
        }
        return crc.getValue();
    }

    private record Header(String factory, Map<String, Double> parameters, Set<Long> tombstones, long faissLength, long bytes) {
    }

    // Everything after the magic up to the FAISS section; bytes = how many bytes that was.
    private static Header readHeader(DataInputStream in, boolean wide) throws IOException {
        CountingInput counted = new CountingInput(in);
        DataInputStream data = new DataInputStream(counted);
        String factory = data.readUTF();
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (int i = data.readInt(); i > 0; i--) {
            parameters.put(data.readUTF(), data.readDouble());
        }
        Set<Long> tombstones = new HashSet<>();
        for (int i = data.readInt(); i > 0; i--) {
            tombstones.add(data.readLong());
        }
        long length = wide ? data.readLong() : data.readInt();
        return new Header(factory, parameters, tombstones, length, counted.count);
    }

    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private static FaissIndex wrap(long handle, Header header) {
        try {
            FaissIndex index = new FaissIndex(handle, header.factory, header.parameters);
            index.tombstones.addAll(header.tombstones);
            return index;
        } catch (RuntimeException e) {
            FaissNative.free(handle);
            throw e;
        }
    }

    // magic, factory, parameters, tombstones, then the FAISS section's length (a long in files, an int in byte[]s)
    private byte[] header(byte[] magic, boolean wide, long faissLength) {
        ByteArrayOutputStream header = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(header)) {
            out.write(magic);
            out.writeUTF(factory);
            out.writeInt(parameters.size());
            for (Map.Entry<String, Double> p : parameters.entrySet()) {
                out.writeUTF(p.getKey());
                out.writeDouble(p.getValue());
            }
            out.writeInt(tombstones.size());
            for (long id : tombstones) {
                out.writeLong(id);
            }
            if (wide) {
                out.writeLong(faissLength);
            } else {
                out.writeInt((int) faissLength);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return header.toByteArray();
    }

    /** Frees the native memory; later calls throw IllegalStateException. Idempotent. */
    @Override
    public void close() {
        Lock w = lock.writeLock();
        w.lock();
        try {
            if (handle != 0) {
                FaissNative.free(handle);
                handle = 0;
            }
        } finally {
            w.unlock();
        }
    }

    @Override
    public String toString() {
        return "FaissIndex[" + factory + ", d=" + dimension + ", " + metric + (handle == 0 ? ", closed]" : "]");
    }

    // Number of vectors in a flat array, checking the shape.
    private int count(float[] vectors, String what) {
        if (vectors == null) {
            throw new IllegalArgumentException(what + " are required");
        }
        if (vectors.length % dimension != 0) {
            throw new IllegalArgumentException(what + ": length " + vectors.length
                    + " is not a multiple of the index dimension " + dimension);
        }
        return vectors.length / dimension;
    }

    private <T> T read(java.util.function.Supplier<T> action) {
        return locked(lock.readLock(), action);
    }

    private <T> T write(java.util.function.Supplier<T> action) {
        return locked(lock.writeLock(), action);
    }

    private <T> T locked(Lock l, java.util.function.Supplier<T> action) {
        l.lock();
        try {
            if (handle == 0) {
                throw new IllegalStateException("FaissIndex is closed");
            }
            return action.get();
        } finally {
            l.unlock();
        }
    }
}
