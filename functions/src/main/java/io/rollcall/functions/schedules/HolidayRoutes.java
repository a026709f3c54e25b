package io.rollcall.functions.schedules;

import java.time.LocalDate;
import java.util.Map;

import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.schedules.HolidayService;

/** The holiday calendar: everyone reads it, ADMINs change it or import an ICS file (the raw body). */
final class HolidayRoutes {

    record HolidayBody(LocalDate date, String name, String department) {
    }

    private HolidayRoutes() {
    }

    static void register(HttpApi.Builder api, HolidayService holidays) {
        api.route("GET /hr/holidays", Role.EVERYONE, (request, caller) -> ApiResponse.ok(Map.of("items",
                holidays.list(caller.organizationId(), request.requiredDate("from"), request.requiredDate("to")))));
        api.route("POST /hr/holidays", Role.ADMINS, (request, caller) -> {
            HolidayBody body = request.body(HolidayBody.class);
            return ApiResponse.created(holidays.create(request.actor(caller), body.date(), body.name(), body.department()));
        });
        api.route("POST /hr/holidays/import", Role.ADMINS, (request, caller) -> ApiResponse.ok(holidays.importIcs(
                request.actor(caller), request.body(), request.queryText("department", 100).orElse(null))));
        api.route("DELETE /hr/holidays/{id}", Role.ADMINS, (request, caller) -> {
            holidays.delete(request.actor(caller), request.pathId("id", "holiday"));
            return ApiResponse.noContent();
        });
    }
}
