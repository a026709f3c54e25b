package io.rollcall.functions.schedules;

import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.leave.LeaveService;
import io.rollcall.schedules.HolidayService;
import io.rollcall.schedules.MonthlySummaries;
import io.rollcall.schedules.ScheduleService;
import io.rollcall.schedules.ScheduleTotals;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * hrApi: shift types, schedules and their assignments, holidays (with ICS import), leave types, requests and
 * decisions, a person's judged days and the monthly summary (docs/hr.md). Roles per route: docs/security.md.
 */
@Component("hrApi")
public class HrApiFunction implements ApiFunction {

    private final HttpApi api;

    public HrApiFunction(JsonMapper json, AccessTokens tokens, ScheduleService schedules, HolidayService holidays,
                         LeaveService leave, ScheduleTotals totals, MonthlySummaries summaries,
                         AttendanceDirectory directory, OrganizationSettingsService settings) {
        HttpApi.Builder builder = HttpApi.builder(json, tokens);
        ScheduleRoutes.register(builder, schedules);
        HolidayRoutes.register(builder, holidays);
        LeaveRoutes.register(builder, leave, directory);
        DayRoutes.register(builder, totals, summaries, directory, settings);
        this.api = builder.build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
