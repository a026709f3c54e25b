package io.rollcall.functions.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.attendance.AttendanceCsv;
import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.attendance.CorrectAttendanceDay;
import io.rollcall.attendance.AttendanceReports;
import io.rollcall.attendance.FlushDailyAttendance;
import io.rollcall.attendance.PostAttendanceEvents;
import io.rollcall.attendance.ReportFilter;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.ApiRequest;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * attendanceApi: today's live view, a person's days, the organization report and its CSV export, manual
 * corrections, an integration's events and an on-demand flush. A USER sees only their own days; another
 * organization's user answers 404 like a missing one.
 */
@Component("attendanceApi")
public class AttendanceApiFunction implements ApiFunction {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_EVENTS = 100;
    /** A CSV is one synchronous answer: Lambda's 6 MB response limit holds about this many rows. */
    static final int MAX_CSV_ROWS = 40_000;

    record CorrectionBody(Instant firstIn, Instant lastOut, String reason) {
    }

    record EventsBody(List<PostAttendanceEvents.ApiEvent> events) {
    }

    record FlushBody(LocalDate date) {
    }

    private final HttpApi api;
    private final AttendanceReports reports;
    private final AttendanceDirectory directory;
    private final CorrectAttendanceDay correctDay;
    private final PostAttendanceEvents postEvents;
    private final FlushDailyAttendance flush;

    public AttendanceApiFunction(JsonMapper json, AccessTokens tokens, AttendanceReports reports,
                                 AttendanceDirectory directory, CorrectAttendanceDay correctDay,
                                 PostAttendanceEvents postEvents, FlushDailyAttendance flush,
                                 OrganizationSettingsService settings) {
        this.reports = reports;
        this.directory = directory;
        this.correctDay = correctDay;
        this.postEvents = postEvents;
        this.flush = flush;
        this.api = HttpApi.builder(json, tokens)
                .route("GET /attendance/today", Role.STAFF, (request, caller) -> ApiResponse.ok(
                        reports.liveView(caller.organizationId(), department(request), Instant.now())))
                .route("GET /attendance/users/{userId}/today", Role.EVERYONE, (request, caller) -> {
                    var day = reports.personToday(caller.organizationId(), visiblePerson(request, caller), Instant.now());
                    // the zone too: a USER cannot read the live view or the settings, and shows times in it
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("date", day.date());
                    body.put("firstIn", day.firstIn());
                    body.put("lastOut", day.lastOut());
                    body.put("events", day.events());
                    body.put("timeZone", settings.forOrganization(caller.organizationId()).timeZone().getId());
                    return ApiResponse.ok(body);
                })
                .route("GET /attendance/users/{userId}/days", Role.EVERYONE, (request, caller) -> ApiResponse.ok(Map.of(
                        "items", reports.all(caller.organizationId(), filter(request, visiblePerson(request, caller))))))
                .route("GET /attendance/report", Role.STAFF, this::report)
                .route("GET /attendance/report/csv", Role.STAFF, this::csv)
                .route("PUT /attendance/users/{userId}/days/{date}", Role.STAFF, this::correct)
                .route("POST /attendance/events", Role.STAFF, this::postEvents)
                .route("POST /attendance/flush", Role.ADMINS, this::flushDay)
                .build();
    }

    @Override
    public HttpApi api() {
        return api;
    }

    private ApiResponse report(ApiRequest request, Caller caller) {
        ApiRequest.PageRequest page = request.page(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return ApiResponse.ok(reports.report(caller.organizationId(), filter(request, optionalUser(request)),
                page.page(), page.size()));
    }

    private ApiResponse csv(ApiRequest request, Caller caller) {
        ReportFilter filter = filter(request, optionalUser(request));
        long rows = reports.count(caller.organizationId(), filter);
        if (rows > MAX_CSV_ROWS) {
            throw new ApiException(422, "export_too_large", "the export would have " + rows + " rows; one file holds at most "
                    + MAX_CSV_ROWS + " (it is answered in one response): narrow the dates, or filter by department or person");
        }
        String csv = AttendanceCsv.write(reports.all(caller.organizationId(), filter), reports.timeZone(caller.organizationId()));
        return ApiResponse.of(200, csv, Map.of("content-type", "text/csv; charset=utf-8",
                "content-disposition", "attachment; filename=\"attendance-" + filter.from() + "-" + filter.to() + ".csv\""));
    }

    private ApiResponse correct(ApiRequest request, Caller caller) {
        UUID userId = request.pathId("userId", "user");
        LocalDate date = request.pathDate("date");
        CorrectionBody body = request.body(CorrectionBody.class);
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            throw ApiException.invalid(Map.of("reason", "is required, at most 500 characters"));
        }
        if (body.firstIn() == null && body.lastOut() == null) {
            throw ApiException.invalid(Map.of("firstIn", "firstIn or lastOut is required"));
        }
        correctDay.correctDay(request.actor(caller), userId, date,
                        new CorrectAttendanceDay.Correction(body.firstIn(), body.lastOut(), body.reason().strip()))
                .orElseThrow(() -> ApiException.notFound("user"));
        return ApiResponse.ok(reports.all(caller.organizationId(), new ReportFilter(date, date, null, userId)).get(0));
    }

    private ApiResponse postEvents(ApiRequest request, Caller caller) {
        EventsBody body = request.body(EventsBody.class);
        if (body.events() == null || body.events().isEmpty() || body.events().size() > MAX_EVENTS) {
            throw ApiException.invalid(Map.of("events", "1 to " + MAX_EVENTS + " events are required"));
        }
        int queued = postEvents.postEvents(request.actor(caller), body.events());
        return ApiResponse.of(202, Map.of("queued", queued), Map.of());
    }

    private ApiResponse flushDay(ApiRequest request, Caller caller) {
        FlushBody body = request.body(FlushBody.class);
        if (body.date() == null) {
            throw ApiException.invalid(Map.of("date", "is required (YYYY-MM-DD)"));
        }
        if (body.date().isAfter(LocalDate.ofInstant(Instant.now(), reports.timeZone(caller.organizationId())))) {
            throw ApiException.invalid(Map.of("date", "is in the future"));
        }
        return ApiResponse.ok(flush.flushDay(request.actor(caller), body.date()));
    }

    /** The path's person, if the caller may see them: a USER only themselves; anyone only their organization. */
    private UUID visiblePerson(ApiRequest request, Caller caller) {
        UUID userId = request.pathId("userId", "user");
        if ((caller.is(Role.USER) && !caller.userId().equals(userId))
                || directory.person(caller.organizationId(), userId).isEmpty()) {
            throw ApiException.notFound("user");
        }
        return userId;
    }

    private static UUID optionalUser(ApiRequest request) {
        return request.queryUuid("userId").orElse(null);
    }

    private static String department(ApiRequest request) {
        return request.queryText("department", 100).orElse(null);
    }

    private static ReportFilter filter(ApiRequest request, UUID userId) {
        return new ReportFilter(request.requiredDate("from"), request.requiredDate("to"), department(request), userId);
    }
}
