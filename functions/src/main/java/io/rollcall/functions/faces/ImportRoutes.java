package io.rollcall.functions.faces;

import java.util.Map;
import java.util.UUID;

import io.rollcall.faces.imports.ImportPeople;
import io.rollcall.faces.imports.ImportRow;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;

/**
 * Bulk enrollment (docs/faces.md, "Bulk enrollment"): an ADMIN creates an import with its upload links, starts it
 * and follows it; the work itself is runImports'.
 */
final class ImportRoutes {

    private ImportRoutes() {
    }

    static void register(HttpApi.Builder api, ImportPeople imports) {
        api.route("POST /imports", Role.ADMINS, (request, caller) -> {
            ImportPeople.Created created = imports.create(request.actor(caller));
            return ApiResponse.created(Map.of("import", created.job(), "uploads", Map.of(
                    "people", created.peopleUpload().toString(), "photos", created.photosUpload().toString(),
                    "expiresAt", created.uploadsExpireAt())));
        });
        api.route("GET /imports", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(Map.of("imports", imports.list(caller.organizationId()))));
        api.route("GET /imports/{id}", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(imports.progress(caller.organizationId(), importId(request))));
        api.route("POST /imports/{id}/start", Role.ADMINS, (request, caller) ->
                ApiResponse.of(202, imports.start(request.actor(caller), importId(request)), Map.of()));
        api.route("GET /imports/{id}/rows", Role.ADMINS, (request, caller) -> {
            ApiRequest.PageRequest page = request.page(50, 500);
            return ApiResponse.ok(imports.rows(caller.organizationId(), importId(request),
                    request.queryEnum("status", ImportRow.Status.class).orElse(null), page.page(), page.size()));
        });
    }

    private static UUID importId(ApiRequest request) {
        return request.pathId("id", "import");
    }
}
