package io.rollcall.notifications;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.rollcall.events.RaisedEvent;

/** The words of a notification: a subject and a short body, the time in the organization's zone. */
public record NotificationText(String subject, String body) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    public static NotificationText of(RaisedEvent event, ZoneId zone) {
        Instant at = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        String subject = "[RollCall] " + event.severity() + ": " + event.type().name().replace('_', ' ').toLowerCase();
        StringBuilder body = new StringBuilder()
                .append(event.type()).append(" (").append(event.severity()).append(") at ").append(TIME.format(at.atZone(zone))).append('\n');
        if (event.referenceId() != null) {
            body.append("Reference: ").append(event.referenceId()).append('\n');
        }
        if (event.metadata() != null) {
            event.metadata().forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
        }
        body.append("Event: ").append(event.eventId()).append('\n');
        return new NotificationText(subject, body.toString());
    }

    /** SMS bodies stay within one 160-character segment where they can. */
    public String sms() {
        String text = subject + " " + body.lines().findFirst().orElse("");
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }
}
