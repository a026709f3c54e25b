package io.rollcall.functions.schedules;

import java.util.Map;
import java.util.UUID;

import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.leave.LeaveRequests;
import io.rollcall.leave.LeaveService;

/** Leave: a person requests their own, staff decide; a USER sees only their own requests. */
final class LeaveRoutes {

    record DecisionBody(LeaveService.Decision decision, String note) {
    }

    private LeaveRoutes() {
    }

    static void register(HttpApi.Builder api, LeaveService leave, AttendanceDirectory directory) {
        api.route("GET /hr/leave-types", Role.EVERYONE, (request, caller) ->
                ApiResponse.ok(Map.of("items", leave.types(caller.organizationId()))));
        api.route("POST /hr/leave-types", Role.ADMINS, (request, caller) -> ApiResponse.created(
                leave.createType(request.actor(caller), request.body(LeaveService.NewLeaveType.class))));
        api.route("GET /hr/leave-requests", Role.EVERYONE, (request, caller) -> {
            UUID userId = request.queryUuid("userId").orElse(null);
            if (caller.is(Role.USER)) {
                if (userId != null && !userId.equals(caller.userId())) {
                    throw ApiException.notFound("user");
                }
                userId = caller.userId();
            }
            LeaveRequests.Status status = request.queryEnum("status", LeaveRequests.Status.class).orElse(null);
            return ApiResponse.ok(Map.of("items", leave.list(caller.organizationId(), userId, status, request.limit())));
        });
        api.route("POST /hr/leave-requests", Role.EVERYONE, (request, caller) -> ApiResponse.created(
                leave.request(request.actor(caller), request.body(LeaveService.NewRequest.class))));
        api.route("POST /hr/leave-requests/{id}/decision", Role.STAFF, (request, caller) -> {
            UUID id = request.pathId("id", "leave request");
            DecisionBody body = request.body(DecisionBody.class);
            return ApiResponse.ok(leave.decide(request.actor(caller), id, body.decision(), body.note()));
        });
    }
}
