package io.rollcall.functions.faces;

import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** enrollFace: the HTTP routes of face enrollment; none are served yet, so every route answers 404 in JSON. */
@Component("enrollFace")
public class EnrollFaceFunction implements ApiFunction {

    private final HttpApi api;

    public EnrollFaceFunction(JsonMapper json) {
        this.api = HttpApi.builder(json).build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
