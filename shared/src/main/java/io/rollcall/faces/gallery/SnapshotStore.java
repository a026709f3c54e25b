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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
 * multipart upload) when it is larger than one part; {@link #download} fetches an object into a file by ranged
 * GETs of one part each, in parallel, each written at its offset, all pinned to the object's ETag so that the
 * parts come from one object even if the key were rewritten meanwhile (the snapshot's own CRC checks the rest).
 */
@Component
public class SnapshotStore implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
    private static final String TYPE = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final long partBytes;
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

    /** Uploads the snapshot file as the object of that version and returns its key. */
    public String put(UUID organizationId, long version, Path file) {
        String key = key(organizationId, version);
        long size = size(file);
        if (size <= partBytes) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(TYPE), RequestBody.fromFile(file));
            return key;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(TYPE)).uploadId();
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
     * Downloads the object into {@code target} (created or replaced); false when the object is gone. An object
     * rewritten during the download is an IllegalArgumentException (the caller treats it as an unusable snapshot).
     */
    public boolean download(String key, Path target) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
        long size = head.contentLength();
        String eTag = head.eTag();
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            List<Future<Long>> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partBytes) {
                long from = offset;
                long to = Math.min(size, offset + partBytes) - 1;
                parts.add(transfers.submit(() -> {
                    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key)
                            .range("bytes=" + from + "-" + to).ifMatch(eTag))) {
                        return copy(in, out, from, to - from + 1);
                    }
                }));
            }
            long written = 0;
            for (Future<Long> part : parts) {
                written += join(part);
            }
            if (written != size) {
                throw new IOException("downloaded " + written + " of " + size + " bytes of " + key);
            }
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                // rewritten between the HEAD and a range (a repair): the parts would not be of one object
                throw new IllegalArgumentException("snapshot " + key + " changed while it was downloaded", e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + key, e);
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

    private static long copy(InputStream in, FileChannel out, long position, long length) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long done = 0;
        for (int n; done < length && (n = in.read(buffer, 0, (int) Math.min(buffer.length, length - done))) > 0; ) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                out.write(chunk, position + done + chunk.position());
            }
            done += n;
        }
        return done;
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
