package io.rollcall.faces.recognition;

import java.util.List;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import org.springframework.stereotype.Service;

/**
 * Someone asks who is in a photo (POST /recognize): the same recognizer as the cameras, nothing queued or stored,
 * but audited, since it identifies people from any image.
 */
@Service
public class RecognizePhoto {

    /** The faces found, and the id this recognition is audited under. */
    public record Recognition(UUID id, List<RecognizedFace> faces) {
    }

    private final FaceRecognizer recognizer;
    private final AuditTrail audit;

    public RecognizePhoto(FaceRecognizer recognizer, AuditTrail audit) {
        this.recognizer = recognizer;
        this.audit = audit;
    }

    public Recognition recognize(Actor actor, byte[] image) {
        List<RecognizedFace> faces = recognizer.recognize(actor.organizationId(), image);
        UUID id = UUID.randomUUID();
        audit.record(actor, AuditAction.FACES_RECOGNIZED, id);
        return new Recognition(id, faces);
    }
}
