package io.rollcall.functions.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        api.route("GET /audit-logs", Role.ADMINS, (request, caller) -> {
            AuditQuery query = new AuditQuery(request.queryUuid("userId").orElse(null),
                    request.queryText("entityType", 100).orElse(null), request.queryText("entityId", 100).orElse(null),
                    request.queryText("action", 100).orElse(null), request.queryInstant("from").orElse(null),
                    request.queryInstant("to").orElse(null), request.queryLong("before").orElse(null), request.limit());
            return ApiResponse.ok(page("auditLogs", audit.find(caller.organizationId(), query), query.limit()));
        });

        api.route("GET /system-logs", Role.ADMINS, (request, caller) -> {
            int limit = request.limit();
            String level = request.queryEnum("level", SystemLogLevel.class).map(Enum::name).orElse(null);
            return ApiResponse.ok(page("systemLogs", systemLogs.find(caller.organizationId(), level,
                    request.queryText("service", 100).orElse(null), request.queryInstant("from").orElse(null),
                    request.queryInstant("to").orElse(null), request.queryLong("before").orElse(null), limit), limit));
        });
    }

    /** The levels an organization's system log keeps (INFO lines are not stored per organization). */
    enum SystemLogLevel { WARN, ERROR }

    /** A page and, when it is full, the cursor of the next one (?before=). */
    private static Map<String, Object> page(String name, List<Map<String, Object>> rows, int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, rows);
        body.put("nextBefore", rows.size() == limit ? rows.get(rows.size() - 1).get("id") : null);
        return body;
    }
}
