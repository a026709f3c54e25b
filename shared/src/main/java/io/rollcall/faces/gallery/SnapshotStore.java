package io.rollcall.faces.gallery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Index snapshots in the media bucket: {@code indexes/{org}/{version, 12 digits}.faiss}. A version's object is
 * written before the transaction that names it commits, so a reader only ever follows a key to a complete
 * object; older versions are pruned after the commit (one is kept for readers still loading it).
 *
 * <p>Snapshots travel as files, never as one Java array (a {@code byte[]} caps at 2 GiB; a 1M-face index is more):
 * {@link #put} uploads a file, in parts of {@code rollcall.faces.snapshot.part-mib} sent in parallel (S3
 * multipart upload) when it is larger than one part, with each part's CRC32 in the object's metadata;
 * {@link #open} streams an object back by ranged GETs of one part each, in parallel, checked part by part, for a
 * reader that parses as the bytes arrive (the snapshot's own CRC then checks the whole).
 */
@Component
public class SnapshotStore implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
    private static final String TYPE = "application/octet-stream";
    /**
     * User metadata naming the part size and each part's CRC32: {@code <bytes>:<hex>,<hex>,...}. S3 allows 2 KB of
     * metadata, room for ~200 parts: 6 GiB at 32 MiB parts, larger snapshots use larger parts.
     */
    static final String BLOCKS = "rollcall-part-crc32";
    private static final int MAX_METADATA_CHARS = 1_900;

    private final S3Client s3;
    private final String bucket;
    private final long partBytes;
    /** Parts in flight per transfer (and the pool's threads). */
    private final int parallel;
    private final ExecutorService transfers;

    @Autowired
    public SnapshotStore(S3Client s3, @Value("${rollcall.media-bucket}") String bucket,
                         @Value("${rollcall.faces.snapshot.part-mib:32}") int partMib,
                         @Value("${rollcall.faces.snapshot.parallel:4}") int parallel) {
        if (partMib < 5) {
            throw new IllegalArgumentException("rollcall.faces.snapshot.part-mib must be at least 5 (S3's smallest part): " + partMib);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.partBytes = partMib * 1024L * 1024L;
        this.parallel = Math.max(1, parallel);
        AtomicInteger threads = new AtomicInteger();
        this.transfers = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "rollcall-snapshot-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public SnapshotStore(S3Client s3, String bucket) {
        this(s3, bucket, 32, 4);
    }

    public static String prefix(UUID organizationId) {
        return "indexes/" + organizationId + "/";
    }

    public static String key(UUID organizationId, long version) {
        return prefix(organizationId) + "%012d.faiss".formatted(version);
    }

    /**
     * Uploads the snapshot file as the object of that version and returns its key. The object's metadata carries a
     * CRC32 per part ({@link #BLOCKS}), so that {@link #open} can check every part before its reader sees it.
     */
    public String put(UUID organizationId, long version, Path file) {
        String key = key(organizationId, version);
        long size = size(file);
        Map<String, String> metadata = Map.of(BLOCKS, blockChecksums(file, size));
        if (size <= partBytes) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(TYPE).metadata(metadata),
                    RequestBody.fromFile(file));
            return key;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(TYPE).metadata(metadata))
                .uploadId();
        try {
            List<Future<CompletedPart>> parts = new ArrayList<>();
            for (long offset = 0, number = 1; offset < size; offset += partBytes, number++) {
                long from = offset;
                int part = (int) number;
                long length = Math.min(partBytes, size - offset);
                parts.add(transfers.submit(() -> {
                    // a provider, not a stream: the SDK opens the part again if it retries the request
                    String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(part)
                                    .contentLength(length),
                            RequestBody.fromContentProvider(() -> slice(file, from, length), length, TYPE)).eTag();
                    return CompletedPart.builder().partNumber(part).eTag(eTag).build();
                }));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> part : parts) {
                completed.add(join(part));
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
            return key;
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    /**
     * The object as a stream that is being downloaded meanwhile: ranged GETs of one part each, {@code parallel} of
     * them ahead of the reader, each into a buffer of its own, checked against its CRC32 and served in order; all
     * pinned to the object's ETag, so that the parts come from one object even if the key were rewritten
     * meanwhile. Empty when the object is gone. For a reader that parses as the bytes arrive
     * ({@code FaissIndex.readFrom(InputStream)}): no file, and the download overlaps the parsing. Holds at most
     * {@code parallel} parts in memory (parts of a 32nd of the object, 4 to 32 MiB). An object rewritten meanwhile or a corrupt part
     * surfaces from a read as an IllegalArgumentException, before the reader has seen that part; an object without
     * part checksums (written before them) is refused here the same way.
     */
    public Optional<InputStream> open(String key) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        long[] checksums = parseChecksums(head.metadata().get(BLOCKS), head.contentLength());
        if (checksums == null) {
            throw new IllegalArgumentException("snapshot " + key + " has no part checksums (written before 2026-12-03)");
        }
        long partSize = blockBytes(head.metadata().get(BLOCKS));
        return Optional.of(new PartsInOrder(key, head.eTag(), head.contentLength(), partSize, checksums));
    }

    /**
     * {@link #open}'s stream: part i is fetched into slot i % parallel once part i - parallel has been read, and
     * checked against its CRC32 before the reader sees a byte of it.
     */
    private final class PartsInOrder extends InputStream {
        private final String key;
        private final String eTag;
        private final long size;
        private final long partBytes;
        private final long[] checksums;
        private final byte[][] slots;
        private final List<Future<Integer>> fetching = new ArrayList<>();
        private long nextToFetch;
        private int part = -1;
        private byte[] current;
        private int length;
        private int position;

        PartsInOrder(String key, String eTag, long size, long partBytes, long[] checksums) {
            this.key = key;
            this.eTag = eTag;
            this.size = size;
            this.partBytes = partBytes;
            this.checksums = checksums;
            int parts = (int) ((size + partBytes - 1) / partBytes);
            this.slots = new byte[Math.max(1, Math.min(parallel, parts))][];
            for (int i = 0; i < slots.length; i++) {
                fetchNext();
            }
        }

        private void fetchNext() {
            if (nextToFetch >= size) {
                return;
            }
            long from = nextToFetch;
            long to = Math.min(size, from + partBytes) - 1;
            int slot = (int) (from / partBytes % slots.length);
            if (slots[slot] == null) {
                slots[slot] = new byte[(int) partBytes];
            }
            byte[] into = slots[slot];
            nextToFetch = to + 1;
            fetching.add(transfers.submit(() -> {
                try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key)
                        .range("bytes=" + from + "-" + to).ifMatch(eTag))) {
                    int n = in.readNBytes(into, 0, (int) (to - from + 1));
                    if (n != to - from + 1) {
                        throw new IOException("part at " + from + " of " + key + " ended after " + n + " bytes");
                    }
                    CRC32 crc = new CRC32();
                    crc.update(into, 0, n);
                    if (crc.getValue() != checksums[(int) (from / partBytes)]) {
                        throw new IllegalArgumentException("snapshot " + key + ": the part at " + from + " is corrupt");
                    }
                    return n;
                } catch (S3Exception e) {
                    if (e.statusCode() == 412) {
                        throw new IllegalArgumentException("snapshot " + key + " changed while it was downloaded", e);
                    }
                    throw e;
                }
            }));
        }

        /** Moves to the next part once it has arrived; false at the object's end. */
        private boolean advance() {
            if (part >= 0 && fetching.get(part) != null) {
                fetching.set(part, null);
                fetchNext(); // the slot of the part just read is free again
            }
            if (part + 1 >= fetching.size()) {
                return false;
            }
            part++;
            length = join(fetching.get(part));
            current = slots[part % slots.length];
            position = 0;
            return true;
        }

        @Override
        public int read() {
            if (position >= length && !advance()) {
                return -1;
            }
            return current[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= length && !advance()) {
                return -1;
            }
            int n = Math.min(len, length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            for (Future<Integer> f : fetching) {
                if (f != null) {
                    f.cancel(true);
                }
            }
        }
    }

    /** The snapshot's bytes; empty when the object is gone (small snapshots and tests; a 2 GiB one does not fit). */
    Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Deletes the snapshots older than {@code keepFrom}; best effort, a failure only leaves garbage behind. */
    void prune(UUID organizationId, long keepFrom) {
        try {
            String keep = key(organizationId, keepFrom);
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix(organizationId))).contents()) {
                if (object.key().endsWith(".faiss") && object.key().compareTo(keep) < 0) {
                    s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not prune old index snapshots of {}: {}", organizationId, e.toString());
        }
    }

    @Override
    public void destroy() {
        transfers.shutdownNow();
    }

    /** {@link #BLOCKS} of a file: its part size and each part's CRC32 (larger parts when they would not fit). */
    private String blockChecksums(Path file, long size) {
        for (long block = readPartBytes(size); ; block *= 2) {
            if ((size + block - 1) / block * 9 + 12 > MAX_METADATA_CHARS) {
                continue;
            }
            StringBuilder value = new StringBuilder().append(block).append(':');
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 20];
                long parts = Math.max(1, (size + block - 1) / block);
                for (long part = 0; part < parts; part++) {
                    CRC32 crc = new CRC32();
                    long left = Math.min(block, size - part * block);
                    for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                        crc.update(buffer, 0, n);
                        left -= n;
                    }
                    value.append(part == 0 ? "" : ",").append(Long.toHexString(crc.getValue()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return value.toString();
        }
    }

    /**
     * The parts a reader fetches (and the writer checksums): a 32nd of the object, between 4 MiB and the upload's
     * part size. Smaller than the upload's parts for a small snapshot, so that its parsing can start after 4 MiB
     * rather than 32 and the parts in flight hold less fresh memory (measured: docs/benchmarks.md, snapshot load).
     */
    long readPartBytes(long size) {
        long mib = 1024L * 1024L;
        return Math.max(4 * mib, Math.min(partBytes, (size / 32 + mib - 1) / mib * mib));
    }

    private static long blockBytes(String value) {
        return Long.parseLong(value.substring(0, value.indexOf(':')));
    }

    /** The CRC32s of {@link #BLOCKS}, one per part of an object of {@code size} bytes; null when absent or malformed. */
    static long[] parseChecksums(String value, long size) {
        if (value == null || value.indexOf(':') < 1) {
            return null;
        }
        try {
            long block = blockBytes(value);
            String[] hex = value.substring(value.indexOf(':') + 1).split(",");
            if (block < 1 || block > Integer.MAX_VALUE || hex.length != Math.max(1, (size + block - 1) / block)) {
                return null;
            }
            long[] checksums = new long[hex.length];
            for (int i = 0; i < hex.length; i++) {
                checksums[i] = Long.parseLong(hex[i], 16);
            }
            return checksums;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // length bytes of file from offset, as a stream that closes the file with it
    private static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new InputStream() {
                private long position = offset;
                private final long end = offset + length;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (position >= end) {
                        return -1;
                    }
                    int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
                    if (n > 0) {
                        position += n;
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while transferring a snapshot", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
