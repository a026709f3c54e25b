package io.rollcall.functions.timesheets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import io.rollcall.timesheets.ExportTimesheets;
import io.rollcall.timesheets.PayPeriod;
import io.rollcall.timesheets.PayrollSheet;
import io.rollcall.timesheets.TimesheetService;
import io.rollcall.timesheets.TimesheetViews;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * timesheetApi: the pay period of a date, a period's timesheets, one person's (a USER only their own), the
 * transitions approve (STAFF), lock and reopen (ADMIN), and the payroll export of an approved period - inline
 * when small, else a presigned link to the media bucket.
 */
@Component("timesheetApi")
public class TimesheetApiFunction implements ApiFunction {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    /** A transition: the period (any date in it) and the people, none meaning the whole period. */
    record TransitionBody(LocalDate date, List<UUID> userIds, String reason) {
    }

    record ExportBody(LocalDate date, String format) {
    }

    private final HttpApi api;
    private final TimesheetViews views;
    private final TimesheetService service;
    private final ExportTimesheets exports;
    private final OrganizationSettingsService settings;

    public TimesheetApiFunction(JsonMapper json, AccessTokens tokens, TimesheetViews views, TimesheetService service,
                                ExportTimesheets exports, OrganizationSettingsService settings) {
        this.views = views;
        this.service = service;
        this.exports = exports;
        this.settings = settings;
        this.api = HttpApi.builder(json, tokens)
                .route("GET /timesheets/period", Role.EVERYONE, this::period)
                .route("GET /timesheets", Role.STAFF, this::list)
                .route("GET /timesheets/users/{userId}", Role.EVERYONE, this::person)
                .route("POST /timesheets/approve", Role.STAFF, (request, caller) -> {
                    TransitionBody body = transition(request);
                    return ApiResponse.ok(outcome(service.approve(request.actor(caller), body.date(), body.userIds())));
                })
                .route("POST /timesheets/lock", Role.ADMINS, (request, caller) -> {
                    TransitionBody body = transition(request);
                    return ApiResponse.ok(outcome(service.lock(request.actor(caller), body.date(), body.userIds())));
                })
                .route("POST /timesheets/reopen", Role.ADMINS, (request, caller) -> {
                    TransitionBody body = transition(request);
                    return ApiResponse.ok(outcome(service.reopen(request.actor(caller), body.date(), body.userIds(),
                            body.reason())));
                })
                .route("POST /timesheets/export", Role.STAFF, this::export)
                .build();
    }

    @Override
    public HttpApi api() {
        return api;
    }

    private ApiResponse period(ApiRequest request, Caller caller) {
        PayPeriod period = views.period(caller.organizationId(), date(request, caller));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", period.type());
        body.put("start", period.start());
        body.put("end", period.end());
        body.put("previousStart", views.period(caller.organizationId(), period.start().minusDays(1)).start());
        body.put("nextStart", period.end().plusDays(1));
        return ApiResponse.ok(body);
    }

    private ApiResponse list(ApiRequest request, Caller caller) {
        ApiRequest.PageRequest page = request.page(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return ApiResponse.ok(views.list(caller.organizationId(), date(request, caller),
                request.queryText("department", 100).orElse(null), page.page(), page.size()));
    }

    private ApiResponse person(ApiRequest request, Caller caller) {
        UUID userId = request.pathId("userId", "user");
        if (caller.is(Role.USER) && !caller.userId().equals(userId)) {
            throw ApiException.notFound("user"); // a USER sees only their own timesheet
        }
        return ApiResponse.ok(views.person(caller.organizationId(), userId, date(request, caller))
                .orElseThrow(() -> ApiException.notFound("user")));
    }

    private ApiResponse export(ApiRequest request, Caller caller) {
        ExportBody body = request.body(ExportBody.class);
        if (body.date() == null) {
            throw ApiException.invalid(Map.of("date", "is required (YYYY-MM-DD, any day of the period)"));
        }
        PayrollSheet.Format format;
        try {
            format = PayrollSheet.Format.valueOf((body.format() == null ? "csv" : body.format()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(Map.of("format", "must be csv or xlsx"));
        }
        ExportTimesheets.Export export = exports.export(request.actor(caller), body.date(), format);
        if (export instanceof ExportTimesheets.Export.Inline inline) {
            return ApiResponse.of(200, format == PayrollSheet.Format.CSV
                            ? new String(inline.bytes(), java.nio.charset.StandardCharsets.UTF_8) : inline.bytes(),
                    Map.of("content-type", inline.contentType(),
                            "content-disposition", "attachment; filename=\"" + inline.filename() + "\""));
        }
        ExportTimesheets.Export.Stored stored = (ExportTimesheets.Export.Stored) export;
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("url", stored.url().toString());
        link.put("expiresAt", stored.expiresAt());
        link.put("filename", stored.filename());
        link.put("bytes", stored.bytes());
        link.put("rows", stored.rows());
        link.put("period", stored.period());
        return ApiResponse.ok(link);
    }

    private static TransitionBody transition(ApiRequest request) {
        TransitionBody body = request.body(TransitionBody.class);
        if (body.date() == null) {
            throw ApiException.invalid(Map.of("date", "is required (YYYY-MM-DD, any day of the period)"));
        }
        return body;
    }

    private static Map<String, Object> outcome(TimesheetService.Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", outcome.period());
        body.put("state", outcome.state());
        body.put("count", outcome.timesheetIds().size());
        body.put("timesheetIds", outcome.timesheetIds());
        return body;
    }

    /** ?date=, else today in the organization's zone. */
    private LocalDate date(ApiRequest request, Caller caller) {
        return request.queryDate("date").orElseGet(() ->
                LocalDate.ofInstant(Instant.now(), settings.forOrganization(caller.organizationId()).timeZone()));
    }
}
