package io.rollcall.faces.recognition;

import java.util.UUID;

import io.rollcall.faces.pipeline.DetectedFace;

/**
 * One face of an image and what it was recognised as.
 *
 * @param userId     the matched user for MATCH, the best candidate for LOW_CONFIDENCE and LIVENESS_REFUSED, else null
 * @param similarity cosine similarity to the best matchable enrolled face; null when nothing was searched
 * @param note       why an UNUSABLE face was not searched, or why a MATCH became LOW_CONFIDENCE (margin)
 * @param liveness   the face's liveness reading against the organization's settings (null for UNUSABLE faces)
 */
public record RecognizedFace(DetectedFace face, Decision decision, UUID userId, Double similarity, String note,
                             LivenessVerdict liveness) {
}
