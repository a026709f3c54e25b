package io.rollcall.faces.recognition;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.lettuce.core.api.StatefulRedisConnection;
import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.attendance.AttendanceSource;
import io.rollcall.attendance.MarkAttendance;
import io.rollcall.attendance.Sighting;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.domain.DomainException;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FacePipeline;
import io.rollcall.identity.cameras.CameraRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The door kiosk's frame: the same recognition as recognizeFrame, but answered. The person in front of the kiosk
 * (the largest face) is marked at once through MarkAttendance, with the sighting id derived from the camera and
 * the kiosk's own frame id, so a frame sent again (a retry, the offline queue) never counts twice; every other
 * face, and an unknown or doubtful one, goes the way recognizeFrame sends it (events, unknown-face crops).
 */
@Service
public class KioskRecognition {

    /**
     * What the kiosk shows. Only the greeted person's first name leaves the server, nobody else's data.
     * LIVENESS_REFUSED: the person was recognised but the organization enforces liveness and the face failed it
     * (nothing recorded, a SPOOF_SUSPECTED event raised); no name is shown.
     */
    /** NOT_RECORDED: recognised, but the sighting was refused (a locked pay period, a deactivated person). */
    public enum Outcome { IN, OUT, NOT_RECOGNISED, NOT_RECORDED, NO_FACE, UNCLEAR, LIVENESS_REFUSED }

    /**
     * @param repeat   the person was seen within the repeat window: nothing new was recorded
     * @param liveness the front face's liveness verdict (LIVE, SPOOF_SUSPECTED, UNCHECKED, OFF), null when no
     *                 face was searched
     * @param livenessReason for UNCHECKED, why ({@code face_too_small}, {@code face_at_border}, {@code greyscale})
     */
    public record Answer(Outcome outcome, String firstName, Instant time, String timeZone, boolean repeat,
                         LivenessVerdict.Verdict liveness, String livenessReason) {

        static Answer of(Outcome outcome, Instant time, ZoneId zone) {
            return new Answer(outcome, null, time, zone.getId(), false, null, null);
        }

        Answer with(LivenessVerdict verdict) {
            return verdict == null ? this
                    : new Answer(outcome, firstName, time, timeZone, repeat, verdict.verdict(), verdict.reason());
        }
    }

    public static final class RateLimitedException extends DomainException {
        RateLimitedException(String message) {
            super(Kind.LOCKED, message);
        }
    }

    /** Frames older than this are not a kiosk's offline queue any more. */
    public static final Duration MAX_AGE = Duration.ofHours(24);

    private final FacePipeline pipeline;
    private final FaceRecognizer recognizer;
    private final FrameProcessor frames;
    private final FrameSources sources;
    private final MarkAttendance attendance;
    private final AttendanceDirectory directory;
    private final OrganizationSettingsService settings;
    private final StatefulRedisConnection<String, String> redis;
    private final int framesPerMinute;

    public KioskRecognition(FacePipeline pipeline, FaceRecognizer recognizer, FrameProcessor frames, FrameSources sources,
                            MarkAttendance attendance, AttendanceDirectory directory, OrganizationSettingsService settings,
                            StatefulRedisConnection<String, String> redis,
                            @Value("${rollcall.kiosk.frames-per-minute:120}") int framesPerMinute) {
        this.pipeline = pipeline;
        this.recognizer = recognizer;
        this.frames = frames;
        this.sources = sources;
        this.attendance = attendance;
        this.directory = directory;
        this.settings = settings;
        this.redis = redis;
        this.framesPerMinute = framesPerMinute;
    }

    /**
     * @param frameId    the kiosk's id of this frame (the same when it is sent again)
     * @param capturedAt when the kiosk took it (offline frames arrive later)
     */
    public Answer recognize(CameraRepository.KeyOwner camera, byte[] jpeg, UUID frameId, Instant capturedAt) {
        limitRate(camera.cameraId());
        ZoneId zone = settings.forOrganization(camera.organizationId()).timeZone();
        List<DetectedFace> faces = pipeline.analyze(jpeg);
        sources.sawFrame(camera.organizationId(), camera.cameraId(), capturedAt);
        if (faces.isEmpty()) {
            return Answer.of(Outcome.NO_FACE, capturedAt, zone);
        }
        List<RecognizedFace> recognized = recognizer.recognize(camera.organizationId(), faces);
        RecognizedFace front = recognized.stream()
                .max(Comparator.comparingInt(f -> f.face().box().width() * f.face().box().height())).orElseThrow();
        FrameKey key = new FrameKey(camera.organizationId(), camera.cameraId(), "kiosk-" + frameId, Optional.of(capturedAt));
        Answer answer = null;
        for (int i = 0; i < recognized.size(); i++) {
            RecognizedFace face = recognized.get(i);
            String origin = "kiosk://" + camera.cameraId() + "/" + frameId + "@kiosk#" + i;   // the shape FrameProcessor reads
            if (face == front && face.decision() == Decision.MATCH) {
                if (FrameProcessor.raisesSpoofEvent(face)) {
                    frames.spoofSuspected(key, capturedAt, face, origin); // flag mode: the event, and counted below
                }
                answer = greet(camera, face, FrameProcessor.stableId(origin, "sighting"), capturedAt, zone);
            } else {
                frames.send(key, capturedAt, face, origin);
            }
        }
        if (answer != null) {
            return answer.with(front.liveness());
        }
        Outcome outcome = switch (front.decision()) {
            case UNUSABLE -> Outcome.UNCLEAR;
            case LIVENESS_REFUSED -> Outcome.LIVENESS_REFUSED;
            default -> Outcome.NOT_RECOGNISED;
        };
        return Answer.of(outcome, capturedAt, zone).with(front.liveness());
    }

    private Answer greet(CameraRepository.KeyOwner camera, RecognizedFace face, UUID sightingId, Instant capturedAt, ZoneId zone) {
        Sighting sighting = new Sighting(sightingId, camera.organizationId(), face.userId(), camera.cameraId(), capturedAt,
                face.similarity(), AttendanceSource.CAMERA);
        MarkAttendance.Outcome marked = attendance.mark(sighting);
        var entry = marked instanceof MarkAttendance.Outcome.Accepted a ? a.entry()
                : marked instanceof MarkAttendance.Outcome.Duplicate d ? d.entry() : null;
        if (entry == null) {
            // refused (a day of a locked pay period, a person deactivated since the index was built): the door
            // must not say "not recognised" to someone who was, nor greet them as counted; reception knows why
            return Answer.of(Outcome.NOT_RECORDED, capturedAt, zone);
        }
        String firstName = directory.person(camera.organizationId(), face.userId())
                .map(p -> p.displayName().split("\\s+")[0])
                .orElse(null);
        return new Answer(Outcome.valueOf(entry.type().name()), firstName, entry.time(), zone.getId(), entry.repeat(), null, null);
    }

    /** At most framesPerMinute a camera: a fixed one-minute window in Redis, shared by every function instance. */
    private void limitRate(UUID cameraId) {
        String key = "kiosk:rate:" + cameraId + ":" + Instant.now().getEpochSecond() / 60;
        long count = redis.sync().incr(key);
        if (count == 1) {
            redis.sync().expire(key, 120);
        }
        if (count > framesPerMinute) {
            throw new RateLimitedException("camera " + cameraId + " sent more than " + framesPerMinute + " frames this minute");
        }
    }
}
