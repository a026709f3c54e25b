package io.rollcall.functions.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rollcall.attendance.AttendanceCsv;
import io.rollcall.attendance.AttendanceDirectory;
import io.rollcall.attendance.AttendanceEntries;
import io.rollcall.attendance.AttendanceReports;
import io.rollcall.attendance.DailyFlush;
import io.rollcall.attendance.ReportFilter;
import io.rollcall.audit.AuditTrail;
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

    static final Set<Role> STAFF = Set.of(Role.ADMIN, Role.OPERATOR);
    static final Set<Role> EVERYONE = Set.of(Role.ADMIN, Role.OPERATOR, Role.USER);
    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_EVENTS = 100;

    record CorrectionBody(Instant firstIn, Instant lastOut, String reason) {
    }

    record EventsBody(List<AttendanceEntries.ApiEvent> events) {
    }

    record FlushBody(LocalDate date) {
    }

    private final HttpApi api;
    private final AttendanceReports reports;
    private final AttendanceDirectory directory;
    private final AttendanceEntries entries;
    private final DailyFlush flush;
    private final AuditTrail audit;

    public AttendanceApiFunction(JsonMapper json, AccessTokens tokens, AttendanceReports reports,
                                 AttendanceDirectory directory, AttendanceEntries entries, DailyFlush flush,
                                 AuditTrail audit, io.rollcall.config.OrganizationSettingsService settings) {
        this.reports = reports;
        this.directory = directory;
        this.entries = entries;
        this.flush = flush;
        this.audit = audit;
        this.api = HttpApi.builder(json, tokens)
                .route("GET /attendance/today", STAFF, (request, caller) -> ApiResponse.ok(
                        reports.liveView(caller.organizationId(), request.query("department").orElse(null), Instant.now())))
                .route("GET /attendance/users/{userId}/today", EVERYONE, (request, caller) -> {
                    var day = reports.personToday(caller.organizationId(), visiblePerson(request, caller), Instant.now());
                    // the zone too: a USER cannot read the live view or the settings, and shows times in it
                    Map<String, Object> body = new java.util.LinkedHashMap<>();
                    body.put("date", day.date());
                    body.put("firstIn", day.firstIn());
                    body.put("lastOut", day.lastOut());
                    body.put("events", day.events());
                    body.put("timeZone", settings.forOrganization(caller.organizationId()).timeZone().getId());
                    return ApiResponse.ok(body);
                })
                .route("GET /attendance/users/{userId}/days", EVERYONE, (request, caller) -> ApiResponse.ok(Map.of(
                        "items", reports.all(caller.organizationId(), filter(request, visiblePerson(request, caller))))))
                .route("GET /attendance/report", STAFF, this::report)
                .route("GET /attendance/report/csv", STAFF, this::csv)
                .route("PUT /attendance/users/{userId}/days/{date}", STAFF, this::correct)
                .route("POST /attendance/events", STAFF, this::postEvents)
                .route("POST /attendance/flush", Set.of(Role.ADMIN), this::flushDay)
                .build();
    }

    @Override
    public HttpApi api() {
        return api;
    }

    private ApiResponse report(ApiRequest request, Caller caller) {
        int page = integer(request, "page", 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int size = integer(request, "size", 50, 1, MAX_PAGE_SIZE);
        return ApiResponse.ok(reports.report(caller.organizationId(), filter(request, optionalUser(request)), page, size));
    }

    private ApiResponse csv(ApiRequest request, Caller caller) {
        ReportFilter filter = filter(request, optionalUser(request));
        String csv = AttendanceCsv.write(reports.all(caller.organizationId(), filter), reports.timeZone(caller.organizationId()));
        return ApiResponse.of(200, csv, Map.of("content-type", "text/csv; charset=utf-8",
                "content-disposition", "attachment; filename=\"attendance-" + filter.from() + "-" + filter.to() + ".csv\""));
    }

    private ApiResponse correct(ApiRequest request, Caller caller) {
        UUID userId = uuid(request.path("userId"), "userId");
        LocalDate date = date(request.path("date"), "date");
        CorrectionBody body = request.body(CorrectionBody.class);
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            throw ApiException.invalid(Map.of("reason", "is required, at most 500 characters"));
        }
        if (body.firstIn() == null && body.lastOut() == null) {
            throw ApiException.invalid(Map.of("firstIn", "firstIn or lastOut is required"));
        }
        try {
            entries.correctDay(caller, userId, date, new AttendanceEntries.Correction(body.firstIn(), body.lastOut(),
                            body.reason().strip()), request.sourceIp(), request.userAgent())
                    .orElseThrow(() -> ApiException.notFound("user"));
        } catch (AttendanceEntries.InvalidEntries e) {
            throw ApiException.invalid(e.fields());
        }
        return ApiResponse.ok(reports.all(caller.organizationId(), new ReportFilter(date, date, null, userId)).get(0));
    }

    private ApiResponse postEvents(ApiRequest request, Caller caller) {
        EventsBody body = request.body(EventsBody.class);
        if (body.events() == null || body.events().isEmpty() || body.events().size() > MAX_EVENTS) {
            throw ApiException.invalid(Map.of("events", "1 to " + MAX_EVENTS + " events are required"));
        }
        try {
            int queued = entries.postEvents(caller, body.events(), request.sourceIp(), request.userAgent());
            return ApiResponse.of(202, Map.of("queued", queued), Map.of());
        } catch (AttendanceEntries.InvalidEntries e) {
            throw ApiException.invalid(e.fields());
        }
    }

    private ApiResponse flushDay(ApiRequest request, Caller caller) {
        FlushBody body = request.body(FlushBody.class);
        if (body.date() == null) {
            throw ApiException.invalid(Map.of("date", "is required (YYYY-MM-DD)"));
        }
        if (body.date().isAfter(LocalDate.ofInstant(Instant.now(), reports.timeZone(caller.organizationId())))) {
            throw ApiException.invalid(Map.of("date", "is in the future"));
        }
        DailyFlush.FlushedDay flushed = flush.flushDay(caller.organizationId(), body.date());
        audit.record(caller.organizationId(), caller.userId(), "ATTENDANCE_FLUSHED", "ATTENDANCE_DAY",
                body.date().toString(), request.sourceIp(), request.userAgent());
        return ApiResponse.ok(flushed);
    }

    /** The path's person, if the caller may see them: a USER only themselves; anyone only their organization. */
    private UUID visiblePerson(ApiRequest request, Caller caller) {
        UUID userId = uuid(request.path("userId"), "userId");
        if ((caller.is(Role.USER) && !caller.userId().equals(userId))
                || directory.person(caller.organizationId(), userId).isEmpty()) {
            throw ApiException.notFound("user");
        }
        return userId;
    }

    private static UUID optionalUser(ApiRequest request) {
        return request.query("userId").map(v -> uuid(v, "userId")).orElse(null);
    }

    private static ReportFilter filter(ApiRequest request, UUID userId) {
        LocalDate from = date(request.query("from").orElse(null), "from");
        LocalDate to = date(request.query("to").orElse(null), "to");
        try {
            return new ReportFilter(from, to, request.query("department").orElse(null), userId);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(Map.of("to", e.getMessage()));
        }
    }

    private static LocalDate date(String value, String field) {
        try {
            if (value == null) {
                throw ApiException.invalid(Map.of(field, "is required (YYYY-MM-DD)"));
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(Map.of(field, "is not a date (YYYY-MM-DD)"));
        }
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(Map.of(field, "is not a UUID"));
        }
    }

    private static int integer(ApiRequest request, String name, int fallback, int min, int max) {
        try {
            int value = request.query(name).map(Integer::parseInt).orElse(fallback);
            if (value < min || value > max) {
                throw ApiException.invalid(Map.of(name, "must be between " + min + " and " + max));
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(Map.of(name, "is not a number"));
        }
    }
}
