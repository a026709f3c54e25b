package io.rollcall.functions.admin;

import io.rollcall.faces.FaceImageFiles;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.rollcall.audit.AuditTrail;
import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.events.EventQuery;
import io.rollcall.events.EventRepository;
import io.rollcall.events.FaceCropLinks;
import io.rollcall.events.RaisedEvent;
import io.rollcall.events.StoredEvent;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.notifications.NotificationRepository;

/** Events for the people who handle them: list and filter, one with its face crop link and deliveries, acknowledge. */
final class EventRoutes {

    private static final Set<Role> HANDLERS = Set.of(Role.ADMIN, Role.OPERATOR);

    private EventRoutes() {
    }

    static void register(HttpApi.Builder api, EventRepository events, NotificationRepository notifications,
                         FaceCropLinks faceCrops, ConfigStore config, AuditTrail audit, FaceImageFiles faceFiles) {
        api.route("GET /events", HANDLERS, (request, caller) -> {
            EventQuery query = new EventQuery(Params.text(request, "type", 50),
                    Params.oneOf(request, "severity", RaisedEvent.SEVERITIES),
                    Params.instant(request, "from"), Params.instant(request, "to"),
                    Params.bool(request, "acknowledged"), Params.instant(request, "before"), Params.limit(request));
            List<StoredEvent> page = events.list(caller.organizationId(), query);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("events", page);
            body.put("nextBefore", page.size() == query.limit() ? page.get(page.size() - 1).createdAt() : null);
            return ApiResponse.ok(body);
        });

        api.route("GET /events/{id}", HANDLERS, (request, caller) -> {
            UUID id = Params.pathUuid(request, "id", "event");
            StoredEvent event = events.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("event"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("event", event);
            if ("UNKNOWN_FACE".equals(event.type()) && event.referenceId() != null) {
                Duration lifetime = Duration.ofSeconds(config.application(ConfigKeys.FACE_URL_TTL_SECONDS).asInt());
                faceCrops.forImage(caller.organizationId(), event.referenceId(), lifetime).ifPresent(url -> {
                    body.put("faceImageUrl", url.toString());
                    body.put("faceImageUrlExpiresAt", Instant.now().plus(lifetime));
                });
            }
            body.put("notifications", notifications.forEvent(caller.organizationId(), id));
            return ApiResponse.ok(body);
        });

        api.route("GET /events/{id}/face", HANDLERS, (request, caller) -> {
            UUID id = Params.pathUuid(request, "id", "event");
            StoredEvent event = events.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("event"));
            byte[] crop = event.referenceId() == null ? null
                    : faceFiles.read(caller.organizationId(), event.referenceId(), null).orElse(null);
            if (crop == null) {
                throw ApiException.notFound("face crop");
            }
            return ApiResponse.of(200, crop, Map.of("content-type", "image/jpeg", "cache-control", "private, max-age=3600"));
        });

        api.route("POST /events/{id}/acknowledge", HANDLERS, (request, caller) -> {
            UUID id = Params.pathUuid(request, "id", "event");
            StoredEvent event = events.acknowledge(caller.organizationId(), id, caller.userId())
                    .orElseThrow(() -> ApiException.notFound("event"));
            audit.record(caller.organizationId(), caller.userId(), "EVENT_ACKNOWLEDGED", "EVENT", id.toString(),
                    request.sourceIp(), request.userAgent());
            return ApiResponse.ok(event);
        });
    }
}
