package io.rollcall.functions.faces;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.rollcall.attendance.Sighting;
import io.rollcall.faces.recognition.KioskRecognition;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.cameras.CameraRepository;
import io.rollcall.identity.cameras.CameraService;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * kioskApi: the door tablet, authenticated by its camera's key. GET /kiosk/camera says which camera a key is
 * (the kiosk's setup checks it); POST /kiosk/frames recognises a frame and answers what to show (docs/kiosk.md).
 */
@Component("kioskApi")
public class KioskApiFunction implements ApiFunction {

    static final String KEY_HEADER = "x-camera-key";

    private final HttpApi api;
    private final CameraService cameras;
    private final KioskRecognition kiosk;

    public KioskApiFunction(JsonMapper json, CameraService cameras, KioskRecognition kiosk) {
        this.cameras = cameras;
        this.kiosk = kiosk;
        this.api = HttpApi.builder(json)
                .route("GET /kiosk/camera", this::camera)
                .route("POST /kiosk/frames", this::frame)
                .build();
    }

    @Override
    public HttpApi api() {
        return api;
    }

    private ApiResponse camera(ApiRequest request) {
        CameraRepository.KeyOwner owner = authenticate(request);
        var camera = cameras.get(owner.organizationId(), owner.cameraId());
        return ApiResponse.ok(Map.of("cameraId", camera.id(), "name", camera.name(), "direction", camera.direction()));
    }

    private ApiResponse frame(ApiRequest request) {
        CameraRepository.KeyOwner owner = authenticate(request);
        UUID frameId = request.header("x-frame-id").map(KioskApiFunction::uuid)
                .orElseThrow(() -> ApiException.invalid(Map.of("x-frame-id", "is required: a UUID the kiosk gives each frame")));
        Instant now = Instant.now();
        Instant capturedAt = request.header("x-captured-at").map(KioskApiFunction::instant).orElse(now);
        if (capturedAt.isAfter(now.plus(Sighting.MAX_CLOCK_SKEW)) || capturedAt.isBefore(now.minus(KioskRecognition.MAX_AGE))) {
            throw ApiException.invalid(Map.of("x-captured-at", "must be within the last 24 hours (and not in the future)"));
        }
        byte[] image = ImageUpload.from(request);
        KioskRecognition.Answer answer = kiosk.recognize(owner, image, frameId, capturedAt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", answer.outcome());
        body.put("firstName", answer.firstName());
        body.put("time", answer.time());
        body.put("timeZone", answer.timeZone());
        body.put("repeat", answer.repeat());
        body.put("liveness", answer.liveness());
        body.put("livenessReason", answer.livenessReason());
        return ApiResponse.ok(body);
    }

    private CameraRepository.KeyOwner authenticate(ApiRequest request) {
        return cameras.authenticate(request.header(KEY_HEADER).orElse(null))
                .orElseThrow(() -> new ApiException(401, "unauthorized", "this camera key is unknown or revoked"));
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(Map.of("x-frame-id", "must be a UUID"));
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(Map.of("x-captured-at", "must be an ISO-8601 instant such as 2026-12-01T08:59:00Z"));
        }
    }
}
