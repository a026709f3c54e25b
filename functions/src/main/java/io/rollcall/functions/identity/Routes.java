package io.rollcall.functions.identity;

import java.util.Map;
import java.util.UUID;

import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Actor;
import io.rollcall.identity.Caller;
import io.rollcall.identity.IdentityException;

/** What the identity routes share: the domain's refusals as HTTP errors, path ids, the audit actor. */
final class Routes {

    private Routes() {
    }

    static HttpApi.SecuredRoute mapped(HttpApi.SecuredRoute route) {
        return (request, caller) -> {
            try {
                return route.handle(request, caller);
            } catch (IdentityException e) {
                throw toApi(e);
            }
        };
    }

    static HttpApi.Route mapped(HttpApi.Route route) {
        return request -> {
            try {
                return route.handle(request);
            } catch (IdentityException e) {
                throw toApi(e);
            }
        };
    }

    static ApiException toApi(IdentityException e) {
        return switch (e.kind()) {
            case INVALID -> ApiException.invalid(e.fields());
            case NOT_FOUND -> new ApiException(404, "not_found", e.getMessage());
            case CONFLICT -> ApiException.conflict(e.getMessage());
            case UNAUTHENTICATED -> new ApiException(401, "unauthorized", e.getMessage());
            case LOCKED -> new ApiException(429, "too_many_requests", e.getMessage());
        };
    }

    /** The {id} of the path; one that is not a UUID cannot name anything, so it is a 404 like a missing one. */
    static UUID id(ApiRequest request, String what) {
        try {
            return UUID.fromString(request.path("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what);
        }
    }

    static Actor actor(ApiRequest request, Caller caller) {
        return Actor.of(caller, request.sourceIp(), request.userAgent());
    }

    static int intQuery(ApiRequest request, String name, int fallback) {
        String value = request.query(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(Map.of(name, "must be a whole number"));
        }
    }
}
