package io.rollcall.faces.recognition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.faces.FaceMedia;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Camera frames are whole pictures of everyone at the door, kept only as long as each organization says
 * (retention.frames_hours, default 24): recognition needs them for minutes, a review for a day at most. The
 * bucket's lifecycle rule (7 days) stays as the platform's backstop.
 */
@Service
public class FrameRetention {

    private final S3Client s3;
    private final FaceMedia media;
    private final ConfigStore config;
    private final JdbcClient jdbc;

    public FrameRetention(S3Client s3, FaceMedia media, ConfigStore config, JdbcClient jdbc) {
        this.s3 = s3;
        this.media = media;
        this.config = config;
        this.jdbc = jdbc;
    }

    /** Deletes every organization's frames older than its retention as of {@code now}; returns how many. */
    public long purge(Instant now) {
        long deleted = 0;
        for (UUID org : jdbc.sql("SELECT id FROM organizations").query(UUID.class).list()) {
            Instant cutoff = now.minus(Duration.ofHours(config.organization(org, ConfigKeys.FRAME_RETENTION_HOURS)));
            List<String> expired = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(media.bucket()).prefix(FrameKey.PREFIX + org + "/")).contents()) {
                if (object.lastModified().isBefore(cutoff)) {
                    expired.add(object.key());
                }
            }
            deleted += media.deleteAll(expired);
        }
        return deleted;
    }
}
