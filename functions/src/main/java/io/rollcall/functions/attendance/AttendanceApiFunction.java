package io.rollcall.functions.attendance;

import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** attendanceApi: the HTTP routes of attendance queries and manual entries; none are served yet, so every route answers 404 in JSON. */
@Component("attendanceApi")
public class AttendanceApiFunction implements ApiFunction {

    private final HttpApi api;

    public AttendanceApiFunction(JsonMapper json) {
        this.api = HttpApi.builder(json).build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
