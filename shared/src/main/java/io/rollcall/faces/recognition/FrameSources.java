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
}
