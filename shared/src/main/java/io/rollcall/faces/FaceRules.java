package io.rollcall.faces;

import java.util.List;
import java.util.Optional;

import io.rollcall.faces.pipeline.DetectedFace;
import io.rollcall.faces.pipeline.FaceQuality;
import io.rollcall.faces.pipeline.ImageRejectedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What makes a face good enough: to enrol (exactly one, large and sharp, at most {@link #maxImagesPerUser()}
 * images a person) and to recognise (large and sharp enough that its embedding means something).
 */
@Component
public class FaceRules {

    private final int enrollMinSizePx;
    private final int recognizeMinSizePx;
    private final double minSharpness;
    private final int maxImagesPerUser;

    public FaceRules(@Value("${rollcall.faces.enroll.min-face-px:80}") int enrollMinSizePx,
                     @Value("${rollcall.faces.recognize.min-face-px:" + FaceQuality.DEFAULT_MIN_SIZE_PX + "}") int recognizeMinSizePx,
                     @Value("${rollcall.faces.min-sharpness:" + FaceQuality.DEFAULT_MIN_SHARPNESS + "}") double minSharpness,
                     @Value("${rollcall.faces.max-images-per-user:5}") int maxImagesPerUser) {
        this.enrollMinSizePx = enrollMinSizePx;
        this.recognizeMinSizePx = recognizeMinSizePx;
        this.minSharpness = minSharpness;
        this.maxImagesPerUser = maxImagesPerUser;
    }

    public int maxImagesPerUser() {
        return maxImagesPerUser;
    }

    /** The one face of an enrollment image, or why there is not one. */
    public DetectedFace enrollable(List<DetectedFace> faces) {
        if (faces.isEmpty()) {
            throw new ImageRejectedException(ImageRejectedException.Reason.NO_FACE, "no face found in the image");
        }
        if (faces.size() > 1) {
            throw new FaceRejectedException(FaceRejectedException.Reason.MANY_FACES,
                    faces.size() + " faces found; an enrollment image must show exactly one person");
        }
        DetectedFace face = faces.get(0);
        unusable(face, enrollMinSizePx).ifPresent(reason -> {
            throw reason;
        });
        return face;
    }

    /** Why a face in a frame cannot be recognised, if it cannot. */
    public Optional<FaceRejectedException> unrecognizable(DetectedFace face) {
        return unusable(face, recognizeMinSizePx);
    }

    private Optional<FaceRejectedException> unusable(DetectedFace face, int minSizePx) {
        FaceQuality q = face.quality();
        if (q.sizePx() < minSizePx) {
            return Optional.of(new FaceRejectedException(FaceRejectedException.Reason.FACE_TOO_SMALL,
                    "the face is " + q.sizePx() + " px, at least " + minSizePx + " px are needed"));
        }
        if (q.sharpness() < minSharpness) {
            return Optional.of(new FaceRejectedException(FaceRejectedException.Reason.FACE_TOO_BLURRY,
                    "the face is too blurred (sharpness %.0f, at least %.0f)".formatted(q.sharpness(), minSharpness)));
        }
        return Optional.empty();
    }
}
