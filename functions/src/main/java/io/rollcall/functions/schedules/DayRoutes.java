package io.rollcall.functions.schedules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import io.rollcall.schedules.MonthlySummaries;
import io.rollcall.schedules.PeriodTotals;
import io.rollcall.schedules.ScheduleTotals;

/** A person's judged days (a USER only their own) and the monthly summary per person and department (staff). */
final class DayRoutes {

    static final int MAX_DAYS = 62;

    private DayRoutes() {
    }

    static void register(HttpApi.Builder api, ScheduleTotals totals, MonthlySummaries summaries,
                         AttendanceDirectory directory, OrganizationSettingsService settings) {
        api.route("GET /hr/users/{userId}/days", Role.EVERYONE, (request, caller) -> {
            UUID userId = request.pathId("userId", "user");
            if ((caller.is(Role.USER) && !caller.userId().equals(userId))
                    || directory.person(caller.organizationId(), userId).isEmpty()) {
                throw ApiException.notFound("user");
            }
            LocalDate from = request.requiredDate("from");
            LocalDate to = request.requiredDate("to");
            if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                throw ApiException.invalid(Map.of("to", "must be on or after from, at most " + MAX_DAYS + " days later"));
            }
            List<PeriodTotals.PersonTotals> person = new ArrayList<>();
            totals.forEachPerson(caller.organizationId(), from, to, List.of(userId), person::add);
            if (person.isEmpty()) {
                throw ApiException.notFound("user"); // inactive: no days to judge
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("totals", person.get(0));
            body.put("timeZone", settings.forOrganization(caller.organizationId()).timeZone().getId());
            return ApiResponse.ok(body);
        });
        api.route("GET /hr/summary", Role.STAFF, (request, caller) -> summary(request, caller, summaries));
    }

    private static ApiResponse summary(ApiRequest request, Caller caller, MonthlySummaries summaries) {
        String text = request.query("month").orElseThrow(() -> ApiException.invalid(Map.of("month", "is required (YYYY-MM)")));
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeException e) {
            throw ApiException.invalid(Map.of("month", "must be YYYY-MM"));
        }
        ApiRequest.PageRequest page = request.page(50, 500);
        MonthlySummaries.Month m = summaries.month(caller.organizationId(), month,
                request.queryText("department", 100).orElse(null), request.queryUuid("userId").orElse(null), Instant.now());
        int from = Math.min(m.people().size(), page.page() * page.size());
        int to = Math.min(m.people().size(), from + page.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("month", m.month().toString());
        body.put("items", m.people().subList(from, to));
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("total", m.people().size());
        body.put("departments", m.departments());
        body.put("organization", m.organization());
        return ApiResponse.ok(body);
    }
}
