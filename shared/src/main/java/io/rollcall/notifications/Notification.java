package io.rollcall.notifications;

import java.time.Instant;
import java.util.UUID;

/** A notifications row: one delivery of one event on one channel to one recipient. */
public record Notification(UUID id, UUID eventId, Channel channel, String recipient, UUID userId, String status,
                           int attempts, String lastError, Instant createdAt, Instant sentAt, Instant readAt) {
}
