package io.rollcall.faces.gallery;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Index snapshots in the media bucket: {@code indexes/{org}/{version, 12 digits}.faiss}. A version's object is
 * written before the transaction that names it commits, so a reader only ever follows a key to a complete
 * object; older versions are pruned after the commit (one is kept for readers still loading it).
 */
@Component
public class SnapshotStore {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    private final S3Client s3;
    private final String bucket;

    public SnapshotStore(S3Client s3, @Value("${rollcall.media-bucket}") String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public static String prefix(UUID organizationId) {
        return "indexes/" + organizationId + "/";
    }

    public static String key(UUID organizationId, long version) {
        return prefix(organizationId) + "%012d.faiss".formatted(version);
    }

    String put(UUID organizationId, long version, byte[] snapshot) {
        String key = key(organizationId, version);
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromBytes(snapshot));
        return key;
    }

    /** The snapshot's bytes; empty when the object is gone. */
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
}
