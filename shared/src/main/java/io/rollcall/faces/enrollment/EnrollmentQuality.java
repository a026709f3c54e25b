package io.rollcall.faces.enrollment;

import java.util.UUID;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.faces.FaceRejectedException;
import io.rollcall.faces.FaceRejectedException.Reason;
import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FaceChecks;
import org.springframework.stereotype.Component;

/**
 * The capture checks an enrollment photo must pass beyond one large, sharp face (FaceRules): live (unless the
 * organization's liveness mode is off), near-frontal within the organization's yaw and pitch limits, eyes open.
 * A template is compared with every later frame of the person, so a poor one costs more than a refused upload.
 * Each refusal is a 422 with its own code.
 */
@Component
public class EnrollmentQuality {

    /** Below this probability an eye counts as closed; both must be closed to refuse (one squinting eye is fine). */
    static final double EYE_OPEN_MIN = 0.5;

    private final ConfigStore config;

    public EnrollmentQuality(ConfigStore config) {
        this.config = config;
    }

    /** Passes, or throws the reason the face cannot be a template. */
    public void check(UUID organizationId, DetectedFace face) {
        FaceChecks checks = face.checks();
        if (config.organization(organizationId, ConfigKeys.LIVENESS_MODE) != ConfigKeys.LivenessMode.OFF) {
            FaceChecks.Liveness liveness = checks.liveness();
            if (!liveness.checked()) {
                Reason reason = switch (liveness.unchecked()) {
                    case FACE_TOO_SMALL -> Reason.FACE_TOO_SMALL;
                    case FACE_AT_BORDER -> Reason.FACE_AT_BORDER;
                    case GREYSCALE -> Reason.GREYSCALE_IMAGE;
                };
                throw new FaceRejectedException(reason, liveness.unchecked().message()
                        + "; an enrollment photo must be checked for liveness: use a colour photo with the whole head in it");
            }
            double threshold = config.organization(organizationId, ConfigKeys.LIVENESS_THRESHOLD);
            if (liveness.score() < threshold) {
                throw new FaceRejectedException(Reason.NOT_LIVE, ("the photo does not look like a live capture (liveness "
                        + "score %.2f, at least %.2f needed): take the photo of the person, not of a photo or a screen")
                        .formatted(liveness.score(), threshold));
            }
        }
        if (checks.pose() != null) {
            int maxYaw = config.organization(organizationId, ConfigKeys.ENROLL_MAX_YAW);
            int maxPitch = config.organization(organizationId, ConfigKeys.ENROLL_MAX_PITCH);
            FaceChecks.Pose pose = checks.pose();
            if (Math.abs(pose.yaw()) > maxYaw || Math.abs(pose.pitch()) > maxPitch) {
                throw new FaceRejectedException(Reason.FACE_NOT_FRONTAL, ("the head is turned %.0f° and tilted %.0f° (at most "
                        + "%d° and %d°): the person should look straight at the camera")
                        .formatted(pose.yaw(), pose.pitch(), maxYaw, maxPitch));
            }
        }
        if (checks.eyes() != null && checks.eyes().left() < EYE_OPEN_MIN && checks.eyes().right() < EYE_OPEN_MIN) {
            throw new FaceRejectedException(Reason.EYES_CLOSED, "the eyes look closed: take the photo with the eyes open");
        }
    }
}
