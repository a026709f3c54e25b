package io.rollcall.faces.recognition;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Whether a frame's organization and camera exist and may send frames. */
@Repository
public class FrameSources {

    private final JdbcClient jdbc;

    public FrameSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Why frames of this organization and camera are not processed; empty when they are. */
    public Optional<String> refusal(UUID organizationId, UUID cameraId) {
        return jdbc.sql("""
                SELECT COALESCE(o.is_active, TRUE) AS org_active, c.id IS NOT NULL AS camera_known, c.is_active AS camera_active
                FROM organizations o LEFT JOIN cameras c ON c.id = ? AND c.organization_id = o.id
                WHERE o.id = ?""")
                .params(cameraId, organizationId)
                .query((rs, i) -> {
                    if (!rs.getBoolean("org_active")) {
                        return "ORGANIZATION_INACTIVE";
                    }
                    if (!rs.getBoolean("camera_known")) {
                        return "UNKNOWN_CAMERA";
                    }
                    return rs.getBoolean("camera_active") ? "" : "CAMERA_INACTIVE";
                })
                .optional()
                .or(() -> Optional.of("UNKNOWN_ORGANIZATION"))
                .filter(reason -> !reason.isEmpty());
    }

    /** Records that the camera sent a frame taken at {@code at} (the Cameras page shows the latest). */
    public void sawFrame(UUID organizationId, UUID cameraId, java.time.Instant at) {
        jdbc.sql("UPDATE cameras SET last_frame_at = GREATEST(COALESCE(last_frame_at, ?), ?) WHERE organization_id = ? AND id = ?")
                .params(java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), organizationId, cameraId).update();
    }
}
