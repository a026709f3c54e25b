package io.rollcall.functions.faces;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.rollcall.faces.privacy.ConsentMethod;
import io.rollcall.faces.privacy.ConsentService;
import io.rollcall.faces.privacy.ErasureRequestService;
import io.rollcall.faces.privacy.ErasureRequests;
import io.rollcall.faces.privacy.PersonalData;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;

/**
 * Consent and the rights of the people enrolled (docs/privacy.md): a person's consent (ADMIN records and
 * withdraws it, staff see it), what is held about the caller and their erasure requests, and the ADMIN's
 * queue of erasure requests with each one's audit trail.
 */
final class PrivacyRoutes {

    record ConsentBody(String textVersion, String method, String consentedAt) {
    }

    record ReasonBody(String reason) {
    }

    private PrivacyRoutes() {
    }

    static void register(HttpApi.Builder api, ConsentService consents, ErasureRequestService erasures, PersonalData data) {
        api.route("GET /users/{id}/consent", Role.STAFF, (request, caller) ->
                ApiResponse.ok(consents.view(caller.organizationId(), userId(request))));
        api.route("POST /users/{id}/consent", Role.ADMINS, (request, caller) -> {
            UUID userId = userId(request);
            ConsentBody body = request.body(ConsentBody.class);
            return ApiResponse.created(consents.record(request.actor(caller), userId, body.textVersion(), method(body.method()),
                    instant(body.consentedAt())));
        });
        api.route("POST /users/{id}/consent/withdraw", Role.ADMINS, (request, caller) -> {
            UUID userId = userId(request);
            return ApiResponse.ok(consents.withdraw(request.actor(caller), userId, optionalReason(request)));
        });

        api.route("GET /me/data", Role.EVERYONE, (request, caller) ->
                ApiResponse.ok(data.of(caller.organizationId(), caller.userId())));
        api.route("POST /me/erasure-requests", Role.EVERYONE, (request, caller) ->
                ApiResponse.created(erasures.request(request.actor(caller), optionalReason(request))));

        api.route("GET /erasure-requests", Role.ADMINS, (request, caller) -> {
            ApiRequest.PageRequest page = request.page(50, 200);
            ErasureRequests.Status status = request.queryEnum("status", ErasureRequests.Status.class).orElse(null);
            return ApiResponse.ok(erasures.list(caller.organizationId(), status, page.page(), page.size()));
        });
        api.route("GET /erasure-requests/{id}", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(erasures.get(caller.organizationId(), requestId(request))));
        api.route("GET /erasure-requests/{id}/trail/csv", Role.ADMINS, (request, caller) -> {
            UUID id = requestId(request);
            return ApiResponse.of(200, erasures.trailCsv(caller.organizationId(), id), Map.of(
                    "content-type", "text/csv; charset=utf-8",
                    "content-disposition", "attachment; filename=\"erasure-request-" + id + ".csv\""));
        });
        api.route("POST /erasure-requests/{id}/execute", Role.ADMINS, (request, caller) ->
                ApiResponse.ok(erasures.execute(request.actor(caller), requestId(request))));
        api.route("POST /erasure-requests/{id}/refuse", Role.ADMINS, (request, caller) -> {
            UUID id = requestId(request);
            return ApiResponse.ok(erasures.refuse(request.actor(caller), id, request.body(ReasonBody.class).reason()));
        });
    }

    private static UUID userId(ApiRequest request) {
        return request.pathId("id", "user");
    }

    private static UUID requestId(ApiRequest request) {
        return request.pathId("id", "erasure request");
    }

    private static ConsentMethod method(String method) {
        if (method == null) {
            return null; // the use case names the missing field
        }
        try {
            return ConsentMethod.valueOf(method);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(Map.of("method", "must be PAPER, KIOSK or CONSOLE"));
        }
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(Map.of("consentedAt", "must be an ISO-8601 instant such as 2026-11-25T08:00:00Z"));
        }
    }

    /** An optional {"reason": ...}: an empty body is no reason. */
    private static String optionalReason(ApiRequest request) {
        return request.body().length == 0 ? null : request.body(ReasonBody.class).reason();
    }
}
