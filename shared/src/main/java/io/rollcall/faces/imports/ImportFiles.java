package io.rollcall.faces.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The two files of an import in the media bucket, under {@code imports/{org}/{job}/}: uploaded by the browser or a
 * script straight to S3 with presigned PUT links (a zip of 30,000 photos is gigabytes, far over an API request's
 * limit), read back by the runner. The zip is spooled to a local file, since a zip is read from its end.
 */
@Component
public class ImportFiles {

    /** How long an upload link works. */
    public static final Duration UPLOAD_LINK_LIFETIME = Duration.ofHours(1);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public ImportFiles(S3Client s3, S3Presigner presigner, @Value("${rollcall.media-bucket}") String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public static String peopleKey(UUID organizationId, UUID jobId) {
        return "imports/%s/%s/people.csv".formatted(organizationId, jobId);
    }

    public static String photosKey(UUID organizationId, UUID jobId) {
        return "imports/%s/%s/photos.zip".formatted(organizationId, jobId);
    }

    public URL uploadLink(String key, String contentType) {
        return presigner.presignPutObject(p -> p.signatureDuration(UPLOAD_LINK_LIFETIME)
                .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType))).url();
    }

    public boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public InputStream open(String key) {
        return s3.getObject(r -> r.bucket(bucket).key(key));
    }

    /**
     * The object in a local file, downloaded once per instance and job: a runner that resumes the job in the same
     * instance reads it again from /tmp.
     */
    public Path spool(String key, UUID jobId) {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "rollcall-import-" + jobId + ".zip");
        try {
            if (!Files.exists(file)) {
                Path partial = Files.createTempFile("rollcall-import-", ".part");
                try (InputStream in = open(key)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Once the job is over: its two files leave the bucket (the photos are biometric data, kept only as enrolled
     * face images) and /tmp.
     */
    public void forget(ImportJob job) {
        s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(o -> o.key(job.peopleKey()), o -> o.key(job.photosKey()))));
        forgetSpool(job.id());
    }

    private void forgetSpool(UUID jobId) {
        try {
            Files.deleteIfExists(Path.of(System.getProperty("java.io.tmpdir"), "rollcall-import-" + jobId + ".zip"));
        } catch (IOException e) {
            // /tmp is per instance and goes with it
        }
    }
}
