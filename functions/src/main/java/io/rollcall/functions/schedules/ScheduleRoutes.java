package io.rollcall.functions.schedules;

import java.util.Map;

import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.schedules.ScheduleService;

/** Shift types, schedules and assignments: staff read them, ADMINs change them. */
final class ScheduleRoutes {

    private ScheduleRoutes() {
    }

    static void register(HttpApi.Builder api, ScheduleService schedules) {
        api.route("GET /hr/shift-types", Role.STAFF, (request, caller) ->
                ApiResponse.ok(Map.of("items", schedules.shiftTypes(caller.organizationId()))));
        api.route("POST /hr/shift-types", Role.ADMINS, (request, caller) -> ApiResponse.created(
                schedules.createShiftType(request.actor(caller), request.body(ScheduleService.NewShiftType.class))));
        api.route("GET /hr/schedules", Role.STAFF, (request, caller) ->
                ApiResponse.ok(Map.of("items", schedules.schedules(caller.organizationId()))));
        api.route("POST /hr/schedules", Role.ADMINS, (request, caller) -> ApiResponse.created(
                schedules.createSchedule(request.actor(caller), request.body(ScheduleService.NewSchedule.class))));
        api.route("DELETE /hr/schedules/{id}", Role.ADMINS, (request, caller) -> {
            schedules.deleteSchedule(request.actor(caller), request.pathId("id", "schedule"));
            return ApiResponse.noContent();
        });
        api.route("GET /hr/assignments", Role.STAFF, (request, caller) ->
                ApiResponse.ok(Map.of("items", schedules.listAssignments(caller.organizationId()))));
        api.route("POST /hr/assignments", Role.ADMINS, (request, caller) -> ApiResponse.created(
                schedules.assign(request.actor(caller), request.body(ScheduleService.NewAssignment.class))));
        api.route("DELETE /hr/assignments/{id}", Role.ADMINS, (request, caller) -> {
            schedules.unassign(request.actor(caller), request.pathId("id", "assignment"));
            return ApiResponse.noContent();
        });
    }
}
