package io.rollcall.faces.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class FrameKeyTest {

    static final UUID ORG = UUID.fromString("0b6a52b2-3c1f-4c57-9c3e-3f7b0d6f9a11");
    static final UUID CAMERA = UUID.fromString("7d1e6a40-92c4-4f59-8f0e-2a6b1c3d4e5f");

    FrameKey parse(String name) {
        return FrameKey.parse("frames/" + ORG + "/" + CAMERA + "/" + name);
    }

    @Test
    void whatTheCameraRoutesWriteRecognitionReadsBackToTheMillisecond() {
        Instant captured = Instant.parse("2026-03-29T01:59:59.987654Z");
        String key = FrameKey.newKey(ORG, CAMERA, captured);
        FrameKey read = FrameKey.parse(key);
        assertThat(read.organizationId()).isEqualTo(ORG);
        assertThat(read.cameraId()).isEqualTo(CAMERA);
        assertThat(read.capturedAt()).contains(Instant.parse("2026-03-29T01:59:59.987Z"));
        assertThat(FrameKey.newKey(ORG, CAMERA, captured)).as("two frames of one instant never collide").isNotEqualTo(key);
    }

    @Test
    void readsOrganizationCameraAndTheCaptureTimeOfTheName() {
        FrameKey key = parse("20251125T080000123Z-" + UUID.randomUUID() + ".jpg"); // identity's camera uploads
        assertThat(key.organizationId()).isEqualTo(ORG);
        assertThat(key.cameraId()).isEqualTo(CAMERA);
        assertThat(key.capturedAt()).contains(Instant.parse("2025-11-25T08:00:00.123Z"));
        assertThat(parse("20251125T080000Z-1.jpg").capturedAt()).contains(Instant.parse("2025-11-25T08:00:00Z"));
        assertThat(parse("2025-11-25T08:00:00.250Z.jpg").capturedAt()).contains(Instant.parse("2025-11-25T08:00:00.250Z"));
        assertThat(parse("1764057600000.jpg").capturedAt()).contains(Instant.ofEpochMilli(1764057600000L));
        assertThat(parse("sub/dir/frame.jpg").capturedAt()).isEmpty();
        assertThat(parse("20251399T999999Z.jpg").capturedAt()).as("looks like a time, is not").isEmpty();
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> FrameKey.parse("frames/" + ORG + "/frame.jpg")).hasMessageContaining("not a frame key");
        assertThatThrownBy(() -> FrameKey.parse("frames/acme/" + CAMERA + "/f.jpg")).hasMessageContaining("organization id");
        assertThatThrownBy(() -> FrameKey.parse("faces/" + ORG + "/" + CAMERA + "/f.jpg")).hasMessageContaining("not a frame key");
    }
}
