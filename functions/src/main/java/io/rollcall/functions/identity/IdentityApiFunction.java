package io.rollcall.functions.identity;

import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** identityApi: the HTTP routes of identity and access; none are served yet, so every route answers 404 in JSON. */
@Component("identityApi")
public class IdentityApiFunction implements ApiFunction {

    private final HttpApi api;

    public IdentityApiFunction(JsonMapper json) {
        this.api = HttpApi.builder(json).build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
