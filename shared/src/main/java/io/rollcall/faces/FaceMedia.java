package io.rollcall.faces;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The media bucket's objects: enrolled images under faces/{org}/{user}/, unknown crops under faces/{org}/unknown/,
 * camera frames under frames/{org}/.
 */
@Component
public class FaceMedia {

    private static final Logger log = LoggerFactory.getLogger(FaceMedia.class);
    private static final int MAX_DELETE = 1000;
    // a person has at most 5 photos: the import stores them at once
    private static final int PARALLEL_PUTS = 5;

    private final S3Client s3;
    private final String bucket;
    // threads start on the first putAll, so a function that never calls it (or its snapshot) holds none
    private final ExecutorService puts = Executors.newFixedThreadPool(PARALLEL_PUTS, task -> {
        Thread thread = new Thread(task, "media-put");
        thread.setDaemon(true);
        return thread;
    });

    /** An object to store. */
    public record Upload(String key, byte[] bytes, String contentType) {
    }

    public FaceMedia(S3Client s3, @Value("${rollcall.media-bucket}") String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @PreDestroy
    void stop() {
        puts.shutdownNow();
    }

    public String bucket() {
        return bucket;
    }

    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    /**
     * Stores the objects in parallel and returns when all are stored, or throws the first failure: on S3 a PUT is
     * ~20-30 ms of waiting, which one after the other would set an import's pace.
     */
    public void putAll(List<Upload> uploads) {
        if (uploads.size() == 1) {
            Upload only = uploads.get(0);
            put(only.key(), only.bytes(), only.contentType());
            return;
        }
        CompletableFuture<?>[] stored = uploads.stream()
                .map(u -> CompletableFuture.runAsync(() -> put(u.key(), u.bytes(), u.contentType()), puts))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stored).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Best effort: a leftover object is garbage, not a correctness problem; the row is what counts. */
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            log.warn("could not delete {}: {}", key, e.toString());
        }
    }

    /** Deletes the objects in DeleteObjects calls of at most 1,000 keys (S3's limit); returns how many. */
    public int deleteAll(List<String> keys) {
        for (int from = 0; from < keys.size(); from += MAX_DELETE) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + MAX_DELETE)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        }
        return keys.size();
    }

    /** "jpg" or "png" by the image's magic bytes, for the object key and its content type. */
    public static String extension(byte[] image) {
        return image.length >= 4 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G' ? "png" : "jpg";
    }

    public static String contentType(String extension) {
        return extension.equals("png") ? "image/png" : "image/jpeg";
    }
}
