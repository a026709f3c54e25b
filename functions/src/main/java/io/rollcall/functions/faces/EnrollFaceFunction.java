package io.rollcall.functions.faces;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rollcall.faces.FaceImageFiles;
import io.rollcall.faces.enrollment.EnrollmentCoverage;
import io.rollcall.faces.enrollment.FaceEnrollment;
import io.rollcall.faces.imports.ImportPeople;
import io.rollcall.faces.privacy.ConsentService;
import io.rollcall.faces.privacy.ErasureRequestService;
import io.rollcall.faces.privacy.PersonalData;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * enrollFace: a user's face images (3-5 a person) - enrol one, list them, delete one - their consent and erasure
 * (PrivacyRoutes), and bulk enrollment (ImportRoutes).
 */
@Component("enrollFace")
public class EnrollFaceFunction implements ApiFunction {

    private final HttpApi api;
    private final FaceEnrollment enrollment;

    public EnrollFaceFunction(JsonMapper json, AccessTokens tokens, FaceEnrollment enrollment, FaceImageFiles files,
                              ConsentService consents, ErasureRequestService erasures, PersonalData data,
                              ImportPeople imports, EnrollmentCoverage coverage) {
        this.enrollment = enrollment;
        HttpApi.Builder builder = HttpApi.builder(json, tokens)
                .route("POST /users/{id}/faces", Role.STAFF, this::enroll)
                .route("GET /users/{id}/faces", Role.STAFF, (request, caller) -> {
                    UUID user = userId(request);
                    return ApiResponse.ok(Map.of("faces", enrollment.list(caller.organizationId(), user),
                            "coverage", coverage.of(caller.organizationId(), user)));
                })
                .route("DELETE /users/{id}/faces/{imageId}", Role.STAFF, (request, caller) -> {
                    enrollment.delete(request.actor(caller), userId(request), request.pathId("imageId", "face image"));
                    return ApiResponse.noContent();
                })
                .route("GET /users/{id}/faces/{imageId}", Role.STAFF, (request, caller) ->
                        jpeg(files.read(caller.organizationId(), request.pathId("imageId", "face image"), userId(request))))
                // a USER's own face images (any role, only the caller's own)
                .route("GET /me/faces", Role.EVERYONE, (request, caller) ->
                        ApiResponse.ok(Map.of("faces", enrollment.list(caller.organizationId(), caller.userId()))))
                .route("GET /me/faces/{imageId}", Role.EVERYONE, (request, caller) ->
                        jpeg(files.read(caller.organizationId(), request.pathId("imageId", "face image"), caller.userId())));
        PrivacyRoutes.register(builder, consents, erasures, data);
        ImportRoutes.register(builder, imports);
        this.api = builder.build();
    }

    @Override
    public HttpApi api() {
        return api;
    }

    private ApiResponse enroll(ApiRequest request, Caller caller) {
        FaceEnrollment.Enrolled enrolled = enrollment.enroll(request.actor(caller), userId(request), ImageUpload.from(request));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imageId", enrolled.imageId());
        body.put("userId", enrolled.userId());
        body.put("filePath", enrolled.filePath());
        body.put("embeddingIndex", enrolled.embeddingIndex());
        body.put("modelVersion", enrolled.modelVersion());
        body.put("box", enrolled.face().box());
        body.put("quality", enrolled.face().quality());
        body.put("checks", enrolled.face().checks());
        body.put("imagesOfUser", enrolled.imagesOfUser());
        return ApiResponse.created(body);
    }

    private static UUID userId(ApiRequest request) {
        return request.pathId("id", "user");
    }

    /** A face image of the caller's organization, as the JPEG itself (the console's CSP allows only 'self'). */
    private static ApiResponse jpeg(Optional<byte[]> image) {
        return ApiResponse.of(200, image.orElseThrow(() -> ApiException.notFound("face image")),
                Map.of("content-type", "image/jpeg", "cache-control", "private, max-age=3600"));
    }
}
