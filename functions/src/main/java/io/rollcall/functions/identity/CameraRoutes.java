package io.rollcall.functions.identity;

import static io.rollcall.functions.identity.Routes.actor;
import static io.rollcall.functions.identity.Routes.id;
import static io.rollcall.functions.identity.Routes.mapped;

import java.util.Map;
import java.util.Set;
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
        Set<Role> admin = Set.of(Role.ADMIN);
        api.route("GET /cameras", admin, mapped((request, caller) -> ApiResponse.ok(cameras.list(caller.organizationId()))));
        api.route("POST /cameras", admin, mapped((request, caller) -> {
            CameraRequest body = request.body(CameraRequest.class);
            return ApiResponse.created(cameras.create(actor(request, caller), body.name(), body.direction()));
        }));
        api.route("GET /cameras/{id}", admin, mapped((request, caller) ->
                ApiResponse.ok(cameras.get(caller.organizationId(), id(request, "camera")))));
        api.route("PATCH /cameras/{id}", admin, mapped((request, caller) -> {
            UUID id = id(request, "camera");
            CameraRequest body = request.body(CameraRequest.class);
            return ApiResponse.ok(cameras.update(actor(request, caller), id, body.name(), body.direction(), body.active()));
        }));
        api.route("DELETE /cameras/{id}", admin, mapped((request, caller) -> {
            cameras.delete(actor(request, caller), id(request, "camera"));
            return ApiResponse.noContent();
        }));
        api.route("POST /cameras/{id}/key", admin, mapped((request, caller) ->
                ApiResponse.ok(cameras.rotateKey(actor(request, caller), id(request, "camera")))));
        api.route("DELETE /cameras/{id}/key", admin, mapped((request, caller) -> {
            cameras.revokeKey(actor(request, caller), id(request, "camera"));
            return ApiResponse.noContent();
        }));

        api.route("POST /camera/upload-url", mapped(request -> ApiResponse.ok(cameras.uploadUrl(camera(request, cameras)))));
        api.route("POST /camera/frames", mapped(request -> {
            CameraRepository.KeyOwner camera = camera(request, cameras);
            return ApiResponse.created(Map.of("objectKey", cameras.storeFrame(camera, request.body())));
        }));
    }

    private static CameraRepository.KeyOwner camera(ApiRequest request, CameraService cameras) {
        return cameras.authenticate(request.header(KEY_HEADER).orElse(null))
                .orElseThrow(() -> new ApiException(401, "unauthorized", "a valid camera key is required in " + KEY_HEADER));
    }
}
