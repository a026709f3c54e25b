package io.rollcall.functions.admin;

import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** adminApi: the HTTP routes of configuration, events, notifications, audit and system logs; none are served yet, so every route answers 404 in JSON. */
@Component("adminApi")
public class AdminApiFunction implements ApiFunction {

    private final HttpApi api;

    public AdminApiFunction(JsonMapper json) {
        this.api = HttpApi.builder(json).build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
