package io.rollcall.functions.identity;

import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.LoginService;
import io.rollcall.identity.OrganizationService;
import io.rollcall.identity.UserService;
import io.rollcall.identity.cameras.CameraService;
import io.rollcall.identity.sessions.RefreshSessions;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * identityApi: sign-in and console sessions, the caller's organization, users and profiles, cameras and the camera upload routes.
 * The roles of each route are in docs/security.md (a test holds the two together).
 */
@Component("identityApi")
public class IdentityApiFunction implements ApiFunction {

    private final HttpApi api;

    public IdentityApiFunction(JsonMapper json, AccessTokens tokens, LoginService login, OrganizationService organizations,
                               UserService users, CameraService cameras, RefreshSessions sessions) {
        HttpApi.Builder builder = HttpApi.builder(json, tokens);
        SessionRoutes.register(builder, login, sessions, tokens);
        AuthRoutes.register(builder, users, organizations);
        OrganizationRoutes.register(builder, organizations);
        UserRoutes.register(builder, users);
        CameraRoutes.register(builder, cameras);
        this.api = builder.build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
