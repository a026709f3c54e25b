package io.rollcall.functions.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rollcall.audit.AuditLogQueries;
import io.rollcall.audit.AuditQuery;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.logs.SystemLogRepository;

/** The organization's audit trail and system log lines, for its ADMINs. */
final class LogRoutes {

    private LogRoutes() {
    }

    static void register(HttpApi.Builder api, AuditLogQueries audit, SystemLogRepository systemLogs) {
        api.route("GET /audit-logs", Set.of(Role.ADMIN), (request, caller) -> {
            AuditQuery query = new AuditQuery(Params.uuid(request, "userId"), Params.text(request, "entityType", 100),
                    Params.text(request, "entityId", 100), Params.text(request, "action", 100),
                    Params.instant(request, "from"), Params.instant(request, "to"),
                    Params.longValue(request, "before"), Params.limit(request));
            return ApiResponse.ok(page("auditLogs", audit.find(caller.organizationId(), query), query.limit()));
        });

        api.route("GET /system-logs", Set.of(Role.ADMIN), (request, caller) -> {
            int limit = Params.limit(request);
            return ApiResponse.ok(page("systemLogs", systemLogs.find(caller.organizationId(),
                    Params.oneOf(request, "level", Set.of("WARN", "ERROR")), Params.text(request, "service", 100),
                    Params.instant(request, "from"), Params.instant(request, "to"),
                    Params.longValue(request, "before"), limit), limit));
        });
    }

    /** A page and, when it is full, the cursor of the next one (?before=). */
    private static Map<String, Object> page(String name, List<Map<String, Object>> rows, int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, rows);
        body.put("nextBefore", rows.size() == limit ? rows.get(rows.size() - 1).get("id") : null);
        return body;
    }
}
