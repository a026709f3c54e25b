package io.rollcall.functions.admin;

import io.rollcall.audit.AuditLogQueries;
import io.rollcall.audit.AuditTrail;
import io.rollcall.config.ConfigStore;
import io.rollcall.events.EventRepository;
import io.rollcall.events.FaceCropLinks;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.logs.SystemLogRepository;
import io.rollcall.notifications.NotificationRepository;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** adminApi: the HTTP routes of configuration, events, notifications, audit and system logs. */
@Component("adminApi")
public class AdminApiFunction implements ApiFunction {

    private final HttpApi api;

    public AdminApiFunction(JsonMapper json, AccessTokens tokens, ConfigStore config, AuditTrail audit,
                            EventRepository events, NotificationRepository notifications, FaceCropLinks faceCrops,
                            AuditLogQueries auditLogs, SystemLogRepository systemLogs, io.rollcall.faces.FaceImageFiles faceFiles) {
        HttpApi.Builder builder = HttpApi.builder(json, tokens);
        ConfigRoutes.register(builder, config, audit, json);
        EventRoutes.register(builder, events, notifications, faceCrops, config, audit, faceFiles);
        DashboardRoutes.register(builder, notifications);
        LogRoutes.register(builder, auditLogs, systemLogs);
        this.api = builder.build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
