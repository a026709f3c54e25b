package io.rollcall.functions.admin;

import io.rollcall.audit.AuditLogQueries;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.UpdateOrganizationConfig;
import io.rollcall.events.AcknowledgeEvent;
import io.rollcall.events.EventRepository;
import io.rollcall.events.FaceCropLinks;
import io.rollcall.faces.FaceImageFiles;
import io.rollcall.functions.http.ApiFunction;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.AccessTokens;
import io.rollcall.logs.SystemLogRepository;
import io.rollcall.notifications.MarkNotificationRead;
import io.rollcall.notifications.NotificationRepository;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** adminApi: the HTTP routes of configuration, events, notifications, audit and system logs. */
@Component("adminApi")
public class AdminApiFunction implements ApiFunction {

    private final HttpApi api;

    public AdminApiFunction(JsonMapper json, AccessTokens tokens, ConfigStore config, UpdateOrganizationConfig updateConfig,
                            EventRepository events, AcknowledgeEvent acknowledgeEvent, NotificationRepository notifications,
                            MarkNotificationRead markNotificationRead, FaceCropLinks faceCrops,
                            AuditLogQueries auditLogs, SystemLogRepository systemLogs, FaceImageFiles faceFiles) {
        HttpApi.Builder builder = HttpApi.builder(json, tokens);
        ConfigRoutes.register(builder, config, updateConfig, json);
        EventRoutes.register(builder, events, notifications, faceCrops, config, acknowledgeEvent, faceFiles);
        DashboardRoutes.register(builder, notifications, markNotificationRead);
        LogRoutes.register(builder, auditLogs, systemLogs);
        this.api = builder.build();
    }

    @Override
    public HttpApi api() {
        return api;
    }
}
