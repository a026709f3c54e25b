package io.rollcall.faces.recognition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.attendance.AttendanceSource;
import io.rollcall.attendance.Sighting;
import io.rollcall.events.EventType;
import io.rollcall.events.RaisedEvent;
import io.rollcall.events.Severity;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.faces.pipeline.ImageRejectedException;
import io.rollcall.platform.Queues;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * One camera frame from the media bucket: every face recognised in its organization, then a Sighting on the
 * attendance queue (MATCH), a LOW_CONFIDENCE event, or an UNKNOWN_FACE event with the crop stored.
 *
 * <p>A frame that can never succeed (bad key, unknown or inactive organization or camera, not an image,
 * truncated, too large, gone) is recorded with its reason and answered REJECTED: retrying it would fail the same
 * way. Anything else (Postgres, S3, SQS down) is thrown, so Lambda retries and then dead-letters the event.
 * Every id sent is derived from the object (key, ETag, face number), so a retried frame sends the same ids and
 * the consumers' idempotency absorbs the repeat.
 */
@Service
public class FrameProcessor {

    /**
     * What became of one frame.
     *
     * @param spoofSuspected  matched faces that raised SPOOF_SUSPECTED (counted in flag mode, refused in enforce)
     * @param livenessRefused matched faces not counted because the organization enforces liveness
     * @param awaitingAgreement matched faces not counted yet: the organization wants two agreeing frames
     *                          (recognition.camera_frames_to_agree) and no other frame matched the person lately
     */
    public record FrameResult(String key, String status, String reason, int faces, int matched, int lowConfidence,
                              int unknown, int unusable, int spoofSuspected, int livenessRefused, int awaitingAgreement) {

        static FrameResult rejected(String key, String reason) {
            return new FrameResult(key, "REJECTED", reason, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    private final S3Client s3;
    private final FacePipeline pipeline;
    private final FaceRecognizer recognizer;
    private final FrameSources sources;
    private final FrameRejections rejections;
    private final UnknownFaces unknownFaces;
    private final Queues queues;
    private final CameraAgreement agreement;

    public FrameProcessor(S3Client s3, FacePipeline pipeline, FaceRecognizer recognizer, FrameSources sources,
                          FrameRejections rejections, UnknownFaces unknownFaces, Queues queues, CameraAgreement agreement) {
        this.agreement = agreement;
        this.s3 = s3;
        this.pipeline = pipeline;
        this.recognizer = recognizer;
        this.sources = sources;
        this.rejections = rejections;
        this.unknownFaces = unknownFaces;
        this.queues = queues;
    }

    public FrameResult process(String bucket, String key) {
        FrameKey frame;
        try {
            frame = FrameKey.parse(key);
        } catch (IllegalArgumentException e) {
            return reject(bucket, key, "BAD_KEY", e.getMessage());
        }
        Optional<String> refusal = sources.refusal(frame.organizationId(), frame.cameraId());
        if (refusal.isPresent()) {
            return reject(bucket, key, refusal.get(), "organization " + frame.organizationId() + ", camera " + frame.cameraId());
        }
        Frame object;
        try {
            object = fetch(bucket, key);
        } catch (NoSuchKeyException e) {
            return reject(bucket, key, "OBJECT_GONE", "the frame was deleted before it was processed");
        }
        if (object.bytes() == null) {
            return reject(bucket, key, ImageRejectedException.Reason.TOO_LARGE.name(),
                    object.size() + " bytes, the limit is " + pipeline.settings().maxBytes());
        }
        List<DetectedFace> faces;
        try {
            faces = pipeline.analyze(object.bytes());
        } catch (ImageRejectedException e) {
            return reject(bucket, key, e.reason().name(), e.getMessage());
        }
        List<RecognizedFace> recognized = recognizer.recognize(frame.organizationId(), faces);
        Instant capturedAt = frame.capturedAt().orElse(object.lastModified());
        sources.sawFrame(frame.organizationId(), frame.cameraId(), capturedAt);
        int[] counts = new int[Decision.values().length];
        int spoofs = 0;
        int awaiting = 0;
        boolean twoFrames = agreement.required(frame.organizationId());
        for (int i = 0; i < recognized.size(); i++) {
            RecognizedFace face = recognized.get(i);
            String frameId = "s3://" + bucket + "/" + key + "@" + object.eTag();
            String origin = frameId + "#" + i;
            if (twoFrames && face.decision() == Decision.MATCH
                    && !agreement.confirm(frame.organizationId(), frame.cameraId(), face.userId(), frameId, capturedAt)) {
                awaiting++; // nothing sent: the next frame that agrees sends the sighting
                continue;
            }
            counts[face.decision().ordinal()]++;
            send(frame, capturedAt, face, origin);
            if (raisesSpoofEvent(face)) {
                spoofs++;
            }
        }
        return new FrameResult(key, "PROCESSED", null, recognized.size(), counts[Decision.MATCH.ordinal()],
                counts[Decision.LOW_CONFIDENCE.ordinal()], counts[Decision.UNKNOWN.ordinal()], counts[Decision.UNUSABLE.ordinal()],
                spoofs, counts[Decision.LIVENESS_REFUSED.ordinal()], awaiting);
    }

    /** A match (counted or refused) whose liveness reading raises SPOOF_SUSPECTED. */
    static boolean raisesSpoofEvent(RecognizedFace face) {
        return (face.decision() == Decision.MATCH || face.decision() == Decision.LIVENESS_REFUSED)
                && face.liveness() != null && face.liveness().raisesEvent();
    }

    /** Package-private: the kiosk (KioskRecognition) raises the same events for the faces it does not greet. */
    void send(FrameKey frame, Instant capturedAt, RecognizedFace face, String origin) {
        UUID org = frame.organizationId();
        if (raisesSpoofEvent(face)) {
            spoofSuspected(frame, capturedAt, face, origin);
        }
        switch (face.decision()) {
            case MATCH -> queues.send(Queues.Name.ATTENDANCE, new Sighting(stableId(origin, "sighting"), org, face.userId(),
                    frame.cameraId(), capturedAt, face.similarity(), AttendanceSource.CAMERA));
            case LIVENESS_REFUSED -> {
                // enforce mode: the SPOOF_SUSPECTED event above is all; no attendance
            }
            case LOW_CONFIDENCE -> {
                Map<String, Object> metadata = metadata(frame, face, origin);
                metadata.put("candidateUserId", face.userId().toString());
                // the crop too (an UNKNOWN face_images row), so a reviewer sees it beside the candidate
                UUID imageId = stableId(origin, "low-confidence-face");
                metadata.put("filePath", unknownFaces.store(imageId, org, frame.cameraId(), capturedAt, face.face().cropJpeg()));
                queues.send(Queues.Name.EVENTS, new RaisedEvent(stableId(origin, "low-confidence"), org, EventType.LOW_CONFIDENCE,
                        Severity.WARNING, imageId, metadata, capturedAt));
            }
            case UNKNOWN -> {
                UUID imageId = stableId(origin, "unknown-face");
                Map<String, Object> metadata = metadata(frame, face, origin);
                metadata.put("filePath", unknownFaces.store(imageId, org, frame.cameraId(), capturedAt, face.face().cropJpeg()));
                queues.send(Queues.Name.EVENTS, new RaisedEvent(stableId(origin, "unknown-event"), org, EventType.UNKNOWN_FACE,
                        Severity.WARNING, imageId, metadata, capturedAt));
            }
            case UNUSABLE -> {
                // too small or blurred to say anything about: no attendance, no alarm
            }
        }
    }

    /**
     * SPOOF_SUSPECTED with the crop (a face_images UNKNOWN row, as for LOW_CONFIDENCE), so a reviewer sees what the
     * camera saw beside the person it matched.
     */
    void spoofSuspected(FrameKey frame, Instant capturedAt, RecognizedFace face, String origin) {
        UUID org = frame.organizationId();
        LivenessVerdict liveness = face.liveness();
        Map<String, Object> metadata = metadata(frame, face, origin);
        metadata.put("userId", face.userId().toString());
        if (liveness.score() != null) {
            metadata.put("livenessScore", liveness.score());
        }
        metadata.put("livenessThreshold", liveness.threshold());
        metadata.put("livenessMode", liveness.mode().name());
        metadata.put("livenessVerdict", liveness.verdict().name());
        if (liveness.reason() != null) {
            metadata.put("livenessReason", liveness.reason());
        }
        metadata.put("attendanceCounted", face.decision() == Decision.MATCH);
        UUID imageId = stableId(origin, "spoof-face");
        metadata.put("filePath", unknownFaces.store(imageId, org, frame.cameraId(), capturedAt, face.face().cropJpeg()));
        queues.send(Queues.Name.EVENTS, new RaisedEvent(stableId(origin, "spoof-suspected"), org, EventType.SPOOF_SUSPECTED,
                face.decision() == Decision.MATCH ? Severity.WARNING : Severity.CRITICAL, imageId, metadata, capturedAt));
    }

    private static Map<String, Object> metadata(FrameKey frame, RecognizedFace face, String origin) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("cameraId", frame.cameraId().toString());
        metadata.put("frame", origin.substring(0, origin.indexOf('@')));
        if (face.similarity() != null) {
            metadata.put("similarity", face.similarity());
        }
        var box = face.face().box();
        metadata.put("box", Map.of("x", box.x(), "y", box.y(), "width", box.width(), "height", box.height()));
        return metadata;
    }

    static UUID stableId(String origin, String purpose) {
        return UUID.nameUUIDFromBytes((origin + ":" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    private FrameResult reject(String bucket, String key, String reason, String detail) {
        rejections.record(bucket, key, reason, detail);
        return FrameResult.rejected(key, reason);
    }

    /** The frame's bytes, or null bytes when it is over the size limit (not read at all). */
    private record Frame(byte[] bytes, long size, Instant lastModified, String eTag) {
    }

    private Frame fetch(String bucket, String key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            GetObjectResponse head = in.response();
            long size = head.contentLength() == null ? -1 : head.contentLength();
            Instant modified = head.lastModified() == null ? Instant.now() : head.lastModified();
            if (size > pipeline.settings().maxBytes()) {
                in.abort();
                return new Frame(null, size, modified, head.eTag());
            }
            return new Frame(in.readAllBytes(), size, modified, head.eTag());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
