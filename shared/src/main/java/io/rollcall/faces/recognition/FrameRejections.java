package io.rollcall.faces.recognition;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames recognizeFrame will not process, with the reason: logged and kept in system_logs (service_name
 * recognizeFrame, WARN), so a bad camera or a bad upload is visible without retrying the frame forever.
 */
@Component
public class FrameRejections {

    public static final String SERVICE = "recognizeFrame";

    private static final Logger log = LoggerFactory.getLogger(FrameRejections.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public FrameRejections(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(String bucket, String key, String reason, String detail) {
        log.warn("frame s3://{}/{} rejected: {} ({})", bucket, key, reason, detail);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("bucket", bucket);
        metadata.put("key", key);
        metadata.put("reason", reason);
        metadata.put("detail", detail);
        jdbc.sql("INSERT INTO system_logs (log_level, service_name, message, metadata) VALUES ('WARN', ?, ?, ?::jsonb)")
                .params(SERVICE, "frame rejected: " + reason, json.writeValueAsString(metadata))
                .update();
    }
}
