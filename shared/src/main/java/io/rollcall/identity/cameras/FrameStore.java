package io.rollcall.identity.cameras;

import java.net.URL;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Camera frames in the media bucket: a presigned PUT for the camera, or a direct put of a posted frame. */
@Component
public class FrameStore {

    public static final String CONTENT_TYPE = "image/jpeg";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration uploadUrlLifetime;

    public FrameStore(S3Client s3, S3Presigner presigner, @Value("${rollcall.media-bucket}") String bucket,
                      @Value("${rollcall.camera.upload-url-seconds}") long uploadUrlSeconds) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.uploadUrlLifetime = Duration.ofSeconds(uploadUrlSeconds);
    }

    public Duration uploadUrlLifetime() {
        return uploadUrlLifetime;
    }

    /** A URL that lets whoever holds it PUT one JPEG at {@code key} until it expires. */
    public URL uploadUrl(String key) {
        return presigner.presignPutObject(p -> p.signatureDuration(uploadUrlLifetime)
                .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(CONTENT_TYPE))).url();
    }

    public void put(String key, byte[] jpeg) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(CONTENT_TYPE), RequestBody.fromBytes(jpeg));
    }
}
