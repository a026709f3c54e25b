package io.rollcall.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notifications table. Rows are unique per (event, channel, recipient), so a redelivered event finds its
 * rows; a sender claims a PENDING row before sending, so two deliveries of one message never both send.
 */
@Repository
public class NotificationRepository {

    /**
     * A claim older than this is taken as a crashed sender's, and the row may be claimed again. Longer than the
     * function's timeout (30 s: a live sender's claim is never stolen), shorter than the events queue's visibility
     * timeout (180 s: the message's next delivery finds the row claimable).
     */
    public static final int CLAIM_EXPIRY_SECONDS = 60;
    static final String CLAIM_EXPIRY = CLAIM_EXPIRY_SECONDS + " seconds";

    private static final String COLUMNS = "id, event_id, channel, recipient, user_id, status, attempts, last_error, created_at, sent_at, read_at";

    private final JdbcClient jdbc;

    public NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One e-mail or SMS delivery a route asks for. */
    public record Delivery(Channel channel, String recipient) {
    }

    /**
     * Creates every delivery of an event that does not exist yet, in one statement: {@code deliveries} PENDING,
     * and when {@code dashboard} one DASHBOARD row per reader of the organization's dashboard (its active ADMINs
     * and OPERATORs), delivered by being stored.
     */
    public void ensureAll(UUID organizationId, UUID eventId, List<Delivery> deliveries, boolean dashboard) {
        if (deliveries.isEmpty() && !dashboard) {
            return;
        }
        jdbc.sql("""
                INSERT INTO notifications (organization_id, event_id, channel, recipient, user_id, status, sent_at)
                SELECT :org, :event, d.channel, d.recipient, d.user_id,
                       CASE WHEN d.channel = 'DASHBOARD' THEN 'SENT' ELSE 'PENDING' END,
                       CASE WHEN d.channel = 'DASHBOARD' THEN NOW() END
                FROM (SELECT x.channel, x.recipient, CAST(NULL AS uuid) AS user_id
                      FROM unnest(CAST(:channels AS text[]), CAST(:recipients AS text[])) AS x(channel, recipient)
                      UNION ALL
                      SELECT 'DASHBOARD', u.id::text, u.id FROM users u
                      WHERE :dashboard AND u.organization_id = :org AND u.role_id IN (1, 2) AND u.is_active AND NOT u.is_deleted) AS d
                ON CONFLICT (event_id, channel, recipient) DO NOTHING""")
                .param("org", organizationId).param("event", eventId)
                .param("channels", deliveries.stream().map(d -> d.channel().name()).toArray(String[]::new))
                .param("recipients", deliveries.stream().map(Delivery::recipient).toArray(String[]::new))
                .param("dashboard", dashboard)
                .update();
    }

    /** What is left of an event after a sender's attempt: deliveries another sender holds, and those failed for good. */
    public record Remaining(int inFlight, List<String> failedForGood) {
    }

    /**
     * In one query: the event's PENDING deliveries another sender holds a live claim on (not finished, not ours to
     * send), and those that failed for good, whichever delivery of the message failed them.
     */
    public Remaining remaining(UUID eventId) {
        return jdbc.sql("SELECT count(*) FILTER (WHERE status = 'PENDING' AND claimed_at >= NOW() - INTERVAL '" + CLAIM_EXPIRY + "'), "
                        + "array_agg(channel || ' to ' || recipient || ': ' || coalesce(last_error, 'failed') ORDER BY channel, recipient) "
                        + "FILTER (WHERE status = 'FAILED') FROM notifications WHERE event_id = ?")
                .param(eventId)
                .query((rs, i) -> {
                    java.sql.Array failed = rs.getArray(2);
                    return new Remaining(rs.getInt(1), failed == null ? List.of() : List.of((String[]) failed.getArray()));
                })
                .single();
    }

    /** Claims the event's PENDING deliveries no live sender holds, counting the attempt. */
    public List<Notification> claimPending(UUID eventId) {
        return jdbc.sql("UPDATE notifications SET claimed_at = NOW(), attempts = attempts + 1, updated_at = NOW() "
                        + "WHERE event_id = ? AND status = 'PENDING' AND (claimed_at IS NULL OR claimed_at < NOW() - INTERVAL '" + CLAIM_EXPIRY + "') "
                        + "RETURNING " + COLUMNS)
                .param(eventId).query(this::row).list();
    }

    public void markSent(UUID id) {
        jdbc.sql("UPDATE notifications SET status = 'SENT', sent_at = NOW(), claimed_at = NULL, last_error = NULL, updated_at = NOW() WHERE id = ?")
                .param(id).update();
    }

    /** Records a failed attempt: FAILED when final, else back to PENDING for the next delivery of the message. */
    public void markFailed(UUID id, String error, boolean finalAttempt) {
        jdbc.sql("UPDATE notifications SET status = ?, last_error = ?, claimed_at = NULL, updated_at = NOW() WHERE id = ?")
                .params(finalAttempt ? "FAILED" : "PENDING", error.length() > 1000 ? error.substring(0, 1000) : error, id).update();
    }

    public List<Notification> forEvent(UUID organizationId, UUID eventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifications WHERE organization_id = ? AND event_id = ? ORDER BY channel, recipient")
                .params(organizationId, eventId).query(this::row).list();
    }

    /** A user's dashboard, newest first, with what each event was. */
    public List<Map<String, Object>> dashboard(UUID organizationId, UUID userId, boolean unreadOnly, Instant before, int limit) {
        return jdbc.sql("""
                SELECT n.id, n.event_id AS "eventId", e.event_type AS "type", e.severity, e.reference_id AS "referenceId",
                       n.created_at AS "createdAt", n.read_at AS "readAt"
                FROM notifications n JOIN events e ON e.id = n.event_id
                WHERE n.organization_id = ? AND n.user_id = ? AND n.channel = 'DASHBOARD'
                  AND (? = FALSE OR n.read_at IS NULL) AND n.created_at < ?
                ORDER BY n.created_at DESC LIMIT ?""")
                .params(organizationId, userId, unreadOnly, Timestamp.from(before == null ? Instant.now().plusSeconds(60) : before), limit)
                .query().listOfRows();
    }

    /** Marks one of the user's own dashboard notifications read; false if it is not theirs. */
    public boolean markRead(UUID organizationId, UUID userId, UUID id) {
        return jdbc.sql("UPDATE notifications SET read_at = COALESCE(read_at, NOW()), updated_at = NOW() "
                        + "WHERE id = ? AND organization_id = ? AND user_id = ? AND channel = 'DASHBOARD'")
                .params(id, organizationId, userId).update() == 1;
    }

    private Notification row(ResultSet rs, int i) throws SQLException {
        return new Notification(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Channel.valueOf(rs.getString(3)),
                rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getInt(7), rs.getString(8),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
