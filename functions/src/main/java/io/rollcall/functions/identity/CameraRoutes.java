package io.rollcall.functions.identity;

import java.util.Map;
import java.util.UUID;

import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.identity.cameras.CameraRepository;
import io.rollcall.identity.cameras.CameraService;

/**
 * Cameras (ADMIN) and the two routes a camera calls with its own key in X-Camera-Key instead of a user's
 * token: a presigned upload URL for a frame, or the frame itself.
 */
final class CameraRoutes {

    static final String KEY_HEADER = "X-Camera-Key";

    record CameraRequest(String name, String direction, Boolean active) {
    }

    private CameraRoutes() {
    }

    static void register(HttpApi.Builder api, CameraService cameras) {
        api.route("GET /cameras", Role.ADMINS, (request, caller) -> ApiResponse.ok(cameras.list(caller.organizationId())));
        api.route("POST /cameras", Role.ADMINS, (request, caller) -> {
            CameraRequest body = request.body(CameraRequest.class);
            return ApiResponse.created(cameras.create(request.actor(caller), body.name(), body.direction()));
        });
        api.route("GET /cameras/{id}", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(cameras.get(caller.organizationId(), request.pathId("id", "camera"))));
        api.route("PATCH /cameras/{id}", Role.ADMINS, (request, caller) -> {
            UUID id = request.pathId("id", "camera");
            CameraRequest body = request.body(CameraRequest.class);
            return ApiResponse.ok(cameras.update(request.actor(caller), id, body.name(), body.direction(), body.active()));
        });
        api.route("DELETE /cameras/{id}", Role.ADMINS, (request, caller) -> {
            cameras.delete(request.actor(caller), request.pathId("id", "camera"));
            return ApiResponse.noContent();
        });
        api.route("POST /cameras/{id}/key", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(cameras.rotateKey(request.actor(caller), request.pathId("id", "camera"))));
        api.route("DELETE /cameras/{id}/key", Role.ADMINS, (request, caller) -> {
            cameras.revokeKey(request.actor(caller), request.pathId("id", "camera"));
            return ApiResponse.noContent();
        });

        api.route("POST /camera/upload-url", request -> ApiResponse.ok(cameras.uploadUrl(camera(request, cameras))));
        api.route("POST /camera/frames", request -> {
            CameraRepository.KeyOwner camera = camera(request, cameras);
            return ApiResponse.created(Map.of("objectKey", cameras.storeFrame(camera, request.body())));
        });
    }

    private static CameraRepository.KeyOwner camera(ApiRequest request, CameraService cameras) {
        return cameras.authenticate(request.header(KEY_HEADER).orElse(null))
                .orElseThrow(() -> new ApiException(401, "unauthorized", "a valid camera key is required in " + KEY_HEADER));
    }
}
