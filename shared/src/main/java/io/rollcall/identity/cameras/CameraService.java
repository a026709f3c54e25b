package io.rollcall.identity.cameras;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.faces.recognition.FrameKey;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.identity.Fields;
import io.rollcall.identity.IdentityException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Cameras of an organization (ADMIN), their API keys, and what a camera may do with its key: upload frames. */
@Service
public class CameraService {

    /** A camera with the API key it was just given: the only time the key is ever shown. */
    public record CameraWithKey(Camera camera, String apiKey) {
    }

    /** Where and how a camera uploads one frame. */
    public record UploadUrl(String url, String method, String contentType, String objectKey, long expiresIn) {
    }

    private final CameraRepository cameras;
    private final FrameStore frames;
    private final AuditTrail audit;

    /** Each change and its audit record commit together: a crash between them must not leave an unaudited camera. */
    private final TransactionTemplate tx;

    public CameraService(CameraRepository cameras, FrameStore frames, AuditTrail audit, TransactionTemplate transactions) {
        this.cameras = cameras;
        this.frames = frames;
        this.audit = audit;
        this.tx = transactions;
    }

    public CameraWithKey create(Actor actor, String name, String direction) {
        validate(name, true, direction);
        String key = CameraKeys.newKey();
        try {
            Camera camera = tx.execute(s -> {
                Camera created = cameras.insert(actor.organizationId(), name.trim(),
                        direction == null ? Camera.Direction.BOTH : Camera.Direction.valueOf(direction), CameraKeys.hash(key));
                audit.record(actor, AuditAction.CAMERA_CREATED, created.id());
                return created;
            });
            return new CameraWithKey(camera, key);
        } catch (DuplicateKeyException e) {
            throw IdentityException.conflict("a camera named " + name.trim() + " already exists");
        }
    }

    public Camera get(UUID organizationId, UUID id) {
        return cameras.find(organizationId, id).orElseThrow(() -> IdentityException.notFound("camera"));
    }

    public List<Camera> list(UUID organizationId) {
        return cameras.list(organizationId);
    }

    public Camera update(Actor actor, UUID id, String name, String direction, Boolean active) {
        validate(name, false, direction);
        try {
            return tx.execute(s -> {
                Camera camera = cameras.update(actor.organizationId(), id, name == null ? null : name.trim(),
                                direction == null ? null : Camera.Direction.valueOf(direction), active)
                        .orElseThrow(() -> IdentityException.notFound("camera"));
                audit.record(actor, AuditAction.CAMERA_UPDATED, id);
                return camera;
            });
        } catch (DuplicateKeyException e) {
            throw IdentityException.conflict("a camera named " + name.trim() + " already exists");
        }
    }

    public void delete(Actor actor, UUID id) {
        tx.executeWithoutResult(s -> {
            if (!cameras.delete(actor.organizationId(), id)) {
                throw IdentityException.notFound("camera");
            }
            audit.record(actor, AuditAction.CAMERA_DELETED, id);
        });
    }

    /** A fresh key; the previous one stops working at once. */
    public CameraWithKey rotateKey(Actor actor, UUID id) {
        String key = CameraKeys.newKey();
        tx.executeWithoutResult(s -> {
            if (!cameras.replaceKey(actor.organizationId(), id, CameraKeys.hash(key))) {
                throw IdentityException.notFound("camera");
            }
            audit.record(actor, AuditAction.CAMERA_KEY_ROTATED, id);
        });
        return new CameraWithKey(get(actor.organizationId(), id), key);
    }

    public void revokeKey(Actor actor, UUID id) {
        tx.executeWithoutResult(s -> {
            if (!cameras.revokeKey(actor.organizationId(), id)) {
                throw IdentityException.notFound("camera");
            }
            audit.record(actor, AuditAction.CAMERA_KEY_REVOKED, id);
        });
    }

    /** The camera a presented key opens, if any (revoked key, inactive camera or organization: none). */
    public Optional<CameraRepository.KeyOwner> authenticate(String apiKey) {
        if (apiKey == null || !apiKey.startsWith(CameraKeys.PREFIX) || apiKey.length() > 100) {
            return Optional.empty();
        }
        return cameras.ownerOfKey(CameraKeys.hash(apiKey));
    }

    public UploadUrl uploadUrl(CameraRepository.KeyOwner camera) {
        String key = FrameKey.newKey(camera.organizationId(), camera.cameraId(), Instant.now());
        return new UploadUrl(frames.uploadUrl(key).toString(), "PUT", FrameStore.CONTENT_TYPE, key,
                frames.uploadUrlLifetime().toSeconds());
    }

    /** Stores a posted frame; only a JPEG (by its magic bytes) is accepted. Returns its object key. */
    public String storeFrame(CameraRepository.KeyOwner camera, byte[] jpeg) {
        if (jpeg.length < 3 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8 || (jpeg[2] & 0xff) != 0xff) {
            throw IdentityException.invalid("body", "must be a JPEG image");
        }
        String key = FrameKey.newKey(camera.organizationId(), camera.cameraId(), Instant.now());
        frames.put(key, jpeg);
        return key;
    }

    private static void validate(String name, boolean create, String direction) {
        Fields fields = new Fields();
        if (create) {
            fields.required("name", name);
        }
        fields.check("name", name == null || !name.isBlank(), "must not be blank").maxLength("name", name, 100)
                .oneOf("direction", direction, Camera.Direction.class)
                .throwIfInvalid();
    }
}
