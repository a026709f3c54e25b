package io.rollcall.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The events table: stored once per event id, listed and acknowledged per organization. */
@Repository
public class EventRepository {

    private static final String COLUMNS = "id, organization_id, event_type, severity, reference_id, metadata::text, occurred_at, created_at, acknowledged_at, acknowledged_by";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public EventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the event unless a row with its id exists (a redelivered message); true when it was new. */
    public boolean store(RaisedEvent event) {
        return jdbc.sql("""
                INSERT INTO events (id, organization_id, event_type, severity, reference_id, metadata, occurred_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB), ?) ON CONFLICT (id) DO NOTHING""")
                .params(event.eventId(), event.organizationId(), event.type().name(), event.severity().name(), event.referenceId(),
                        json.writeValueAsString(event.metadata() == null ? java.util.Map.of() : event.metadata()),
                        Timestamp.from(event.occurredAt() == null ? Instant.now() : event.occurredAt()))
                .update() == 1;
    }

    public Optional<StoredEvent> find(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM events WHERE organization_id = ? AND id = ?")
                .params(organizationId, id).query(this::row).optional();
    }

    public List<StoredEvent> list(UUID organizationId, EventQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events WHERE organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(organizationId));
        if (q.type() != null) {
            sql.append(" AND event_type = ?");
            params.add(q.type().name());
        }
        if (q.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(q.severity().name());
        }
        if (q.from() != null) {
            sql.append(" AND created_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND created_at < ?");
            params.add(Timestamp.from(q.to()));
        }
        if (q.before() != null) {
            sql.append(" AND created_at < ?");
            params.add(Timestamp.from(q.before()));
        }
        if (q.acknowledged() != null) {
            sql.append(q.acknowledged() ? " AND acknowledged_at IS NOT NULL" : " AND acknowledged_at IS NULL");
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    /** Marks the event handled by {@code userId}; the first acknowledgement wins. Empty if no such event. */
    public Optional<StoredEvent> acknowledge(UUID organizationId, UUID id, UUID userId) {
        jdbc.sql("UPDATE events SET acknowledged_at = NOW(), acknowledged_by = ? WHERE organization_id = ? AND id = ? AND acknowledged_at IS NULL")
                .params(userId, organizationId, id).update();
        return find(organizationId, id);
    }

    private StoredEvent row(ResultSet rs, int i) throws SQLException {
        String metadata = rs.getString(6);
        return new StoredEvent(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                EventType.valueOf(rs.getString(3)), Severity.valueOf(rs.getString(4)),
                rs.getObject(5, UUID.class), metadata == null ? null : json.readTree(metadata),
                instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getObject(10, UUID.class));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
