package io.rollcall.functions.faces;

import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rollcall.audit.AuditTrail;
import io.rollcall.faces.enrollment.FaceEnrollment;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** enrollFace: a user's face images (3-5 a person) - enrol one, list them, delete one. */
@Component("enrollFace")
public class EnrollFaceFunction implements ApiFunction {

    static final Set<Role> ENROLLERS = Set.of(Role.ADMIN, Role.OPERATOR);

    private final HttpApi api;
    private final FaceEnrollment enrollment;
    private final AuditTrail audit;

    public EnrollFaceFunction(JsonMapper json, AccessTokens tokens, FaceEnrollment enrollment, AuditTrail audit,
                              io.rollcall.faces.FaceImageFiles files) {
        this.enrollment = enrollment;
        this.audit = audit;
        this.api = HttpApi.builder(json, tokens)
                .route("POST /users/{id}/faces", ENROLLERS, this::enroll)
                .route("GET /users/{id}/faces", ENROLLERS, (request, caller) ->
                        ApiResponse.ok(Map.of("faces", FaceErrors.call(() -> enrollment.list(caller.organizationId(), userId(request))))))
                .route("DELETE /users/{id}/faces/{imageId}", ENROLLERS, this::delete)
                // a USER's own face images (any role, only the caller's own)
                .route("GET /me/faces", EnumSet.allOf(Role.class), (request, caller) -> ApiResponse.ok(Map.of("faces",
                        FaceErrors.call(() -> enrollment.list(caller.organizationId(), caller.userId())))))
                .route("GET /me/faces/{imageId}", EnumSet.allOf(Role.class), (request, caller) -> ApiResponse.of(200,
                        files.read(caller.organizationId(), uuid(request.path("imageId"), "imageId"), caller.userId())
                                .orElseThrow(() -> new io.rollcall.functions.http.ApiException(404, "not_found", "no such face image")),
                        Map.of("content-type", "image/jpeg", "cache-control", "private, max-age=3600")))
                .route("GET /users/{id}/faces/{imageId}", ENROLLERS, (request, caller) -> ApiResponse.of(200,
                        files.read(caller.organizationId(), uuid(request.path("imageId"), "imageId"), userId(request))
                                .orElseThrow(() -> new io.rollcall.functions.http.ApiException(404, "not_found", "no such face image")),
                        Map.of("content-type", "image/jpeg", "cache-control", "private, max-age=3600")))
                .build();
    }

    @Override
    public HttpApi api() {
        return api;
    }

    private ApiResponse enroll(ApiRequest request, Caller caller) {
        UUID user = userId(request);
        byte[] image = ImageUpload.from(request);
        FaceEnrollment.Enrolled enrolled = FaceErrors.call(() -> enrollment.enroll(caller.organizationId(), user, image));
        audit.record(caller.organizationId(), caller.userId(), "FACE_ENROLLED", "FACE_IMAGE", enrolled.imageId().toString(),
                request.sourceIp(), request.userAgent());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imageId", enrolled.imageId());
        body.put("userId", enrolled.userId());
        body.put("filePath", enrolled.filePath());
        body.put("embeddingIndex", enrolled.embeddingIndex());
        body.put("modelVersion", enrolled.modelVersion());
        body.put("box", enrolled.face().box());
        body.put("quality", enrolled.face().quality());
        body.put("imagesOfUser", enrolled.imagesOfUser());
        return ApiResponse.created(body);
    }

    private ApiResponse delete(ApiRequest request, Caller caller) {
        UUID image = uuid(request.path("imageId"), "imageId");
        FaceErrors.call(() -> {
            enrollment.delete(caller.organizationId(), userId(request), image);
            return null;
        });
        audit.record(caller.organizationId(), caller.userId(), "FACE_DELETED", "FACE_IMAGE", image.toString(),
                request.sourceIp(), request.userAgent());
        return ApiResponse.noContent();
    }

    private static UUID userId(ApiRequest request) {
        return uuid(request.path("id"), "id");
    }

    /** A malformed id cannot name anything: 404 like a missing one. */
    static UUID uuid(String text, String name) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new io.rollcall.functions.http.ApiException(404, "not_found", name + " " + text + " not found");
        }
    }
}
