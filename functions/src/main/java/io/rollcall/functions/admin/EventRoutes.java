package io.rollcall.functions.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.events.AcknowledgeEvent;
import io.rollcall.events.EventQuery;
import io.rollcall.events.EventRepository;
import io.rollcall.events.FaceCropLinks;
import io.rollcall.events.EventType;
import io.rollcall.events.Severity;
import io.rollcall.events.StoredEvent;
import io.rollcall.faces.FaceImageFiles;
import io.rollcall.functions.http.ApiException;
import io.rollcall.functions.http.ApiResponse;
import io.rollcall.functions.http.HttpApi;
import io.rollcall.identity.Role;
import io.rollcall.notifications.NotificationRepository;

/** Events for the people who handle them: list and filter, one with its face crop link and deliveries, acknowledge. */
final class EventRoutes {

    private EventRoutes() {
    }

    static void register(HttpApi.Builder api, EventRepository events, NotificationRepository notifications,
                         FaceCropLinks faceCrops, ConfigStore config, AcknowledgeEvent acknowledge,
                         FaceImageFiles faceFiles) {
        api.route("GET /events", Role.STAFF, (request, caller) -> {
            EventQuery query = new EventQuery(request.queryEnum("type", EventType.class).orElse(null),
                    request.queryEnum("severity", Severity.class).orElse(null),
                    request.queryInstant("from").orElse(null), request.queryInstant("to").orElse(null),
                    request.queryBool("acknowledged").orElse(null), request.queryInstant("before").orElse(null),
                    request.limit());
            List<StoredEvent> page = events.list(caller.organizationId(), query);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("events", page);
            body.put("nextBefore", page.size() == query.limit() ? page.get(page.size() - 1).createdAt() : null);
            return ApiResponse.ok(body);
        });

        api.route("GET /events/{id}", Role.STAFF, (request, caller) -> {
            UUID id = request.pathId("id", "event");
            StoredEvent event = events.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("event"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("event", event);
            if (event.type() == EventType.UNKNOWN_FACE && event.referenceId() != null) {
                Duration lifetime = Duration.ofSeconds(config.application(ConfigKeys.FACE_URL_TTL_SECONDS));
                faceCrops.forImage(caller.organizationId(), event.referenceId(), lifetime).ifPresent(url -> {
                    body.put("faceImageUrl", url.toString());
                    body.put("faceImageUrlExpiresAt", Instant.now().plus(lifetime));
                });
            }
            body.put("notifications", notifications.forEvent(caller.organizationId(), id));
            return ApiResponse.ok(body);
        });

        api.route("GET /events/{id}/face", Role.STAFF, (request, caller) -> {
            StoredEvent event = events.find(caller.organizationId(), request.pathId("id", "event"))
                    .orElseThrow(() -> ApiException.notFound("event"));
            byte[] crop = event.referenceId() == null ? null
                    : faceFiles.read(caller.organizationId(), event.referenceId(), null).orElse(null);
            if (crop == null) {
                throw ApiException.notFound("face crop");
            }
            return ApiResponse.of(200, crop, Map.of("content-type", "image/jpeg", "cache-control", "private, max-age=3600"));
        });

        api.route("POST /events/{id}/acknowledge", Role.STAFF, (request, caller) -> {
            StoredEvent event = acknowledge.acknowledge(request.actor(caller), request.pathId("id", "event"))
                    .orElseThrow(() -> ApiException.notFound("event"));
            return ApiResponse.ok(event);
        });
    }
}
