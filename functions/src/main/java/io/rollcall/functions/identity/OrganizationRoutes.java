package io.rollcall.functions.identity;


import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.OrganizationService;
import io.rollcall.identity.Role;

/** The caller's own organization (ADMIN); other organizations are a platform matter (infra/bin/platform). */
final class OrganizationRoutes {

    record Changes(String name, String legalName) {
    }

    record Confirmation(String code) {
    }

    private OrganizationRoutes() {
    }

    static void register(HttpApi.Builder api, OrganizationService organizations) {
        api.route("GET /organization", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(organizations.get(caller.organizationId())));
        api.route("PATCH /organization", Role.ADMINS, (request, caller) -> {
            Changes body = request.body(Changes.class);
            return ApiResponse.ok(organizations.update(request.actor(caller), body.name(), body.legalName()));
        });
        api.route("POST /organization/deactivate", Role.ADMINS, (request, caller) -> {
            organizations.deactivate(request.actor(caller), request.body(Confirmation.class).code());
            return ApiResponse.noContent();
        });
    }
}
