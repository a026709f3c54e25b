package io.rollcall.attendance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** attendance_logs: every event, durable; the record Redis' today view is rebuilt from. */
@Repository
public class AttendanceLog {

    /** One row of attendance_logs. */
    public record Entry(UUID id, UUID organizationId, UUID userId, LocalDate date, EventType type, Instant time,
                        UUID cameraId, BigDecimal confidence, AttendanceSource source, boolean repeat, String reason,
                        UUID attendanceId) {

        public DayEvent event() {
            return new DayEvent(id, type, time);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public AttendanceLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Serializes every writer of one person's attendance until the transaction ends: the IN/OUT decision reads
     * the day's earlier events, so two sightings of one person must not decide at the same time.
     */
    public void lockPerson(UUID userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("attendance:" + userId)
                .query((rs, i) -> 1).single();
    }

    /**
     * {@link #lockPerson} for every person of a batch, taken in one statement and in one global order (by lock key),
     * so two consumers holding overlapping batches wait for each other instead of deadlocking.
     */
    public void lockPeople(Collection<UUID> userIds) {
        jdbc.sql("""
                        SELECT count(pg_advisory_xact_lock(k)) FROM (
                            SELECT DISTINCT hashtextextended('attendance:' || u, 0) AS k FROM unnest(?::text[]) AS u
                            ORDER BY k) AS keys""")
                .param(userIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, i) -> 1).single();
    }

    /** Serializes the flushes of one organization's day until the transaction ends. */
    public void lockDay(UUID organizationId, LocalDate date) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("flush:" + organizationId + ":" + date)
                .query((rs, i) -> 1).single();
    }

    /** The organization's event with this id: ids are unique per organization, so another tenant's cannot match. */
    public Optional<Entry> find(UUID organizationId, UUID eventId) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?").params(organizationId, eventId)
                .query(AttendanceLog::entry).optional();
    }

    /**
     * {@link #find} for many ids of one organization in one query: one primary-key probe per id (LATERAL ...
     * LIMIT 1), a plan that stays right as the table grows. Written as {@code id = ANY(?)}, the generic plan
     * Postgres keeps for a prepared statement after five runs, made while the table was small, read every row of
     * the organization and compared each with the whole array: 46 ms a batch of 500 at 80,000 rows
     * (pg_stat_statements), against ~2 ms probed.
     */
    public Map<UUID, Entry> findAll(UUID organizationId, Collection<UUID> eventIds) {
        Map<UUID, Entry> found = new HashMap<>();
        jdbc.sql("SELECT l.* FROM unnest(?::uuid[]) AS k(id) CROSS JOIN LATERAL (" + SELECT
                        + " WHERE organization_id = ? AND id = k.id LIMIT 1) AS l")
                .params(eventIds.toArray(UUID[]::new), organizationId)
                .query(AttendanceLog::entry).list().forEach(e -> found.put(e.id(), e));
        return found;
    }

    /** One person's organization-local day. */
    public record PersonDay(UUID userId, LocalDate date) {
    }

    /**
     * A person's day and the span of a batch's sightings in it: a decision at time t looks only at the last
     * accepted event at or before t, so the sightings of [from, to] need the last event at or before {@code from}
     * and those after it up to {@code to}, not the whole day.
     */
    public record DayWindow(UUID userId, LocalDate date, Instant from, Instant to) {
    }

    /**
     * The accepted events each window's decisions can see, per person-day, in time order; days without any are
     * absent. One statement for the batch, each window one index probe (LATERAL ... LIMIT 1), so its cost follows
     * the batch, not how full the day already is (a join over the days read every event of them: a shift change
     * re-read the same morning for every batch). The probe for the last event is bounded in time too (a day's
     * events lie within a day of any of its sightings; two days leave room for a change of time zone): walking the
     * person's (organization, user, event_time) index back from the batch, a day without earlier events would
     * otherwise be searched through the person's whole history.
     */
    public Map<PersonDay, List<DayEvent>> eventsForDecisions(UUID organizationId, Collection<DayWindow> windows) {
        Map<PersonDay, List<DayEvent>> byDay = new HashMap<>();
        jdbc.sql("""
                        SELECT d.user_id, d.day, e.id, e.event_type, e.event_time
                        FROM unnest(?::uuid[], ?::date[], ?::timestamptz[], ?::timestamptz[]) AS d(user_id, day, first_at, last_at)
                        CROSS JOIN LATERAL (
                            (SELECT l.id, l.event_type, l.event_time FROM attendance_logs l
                             WHERE l.organization_id = ? AND l.user_id = d.user_id AND l.attendance_date = d.day
                               AND NOT l.is_repeat AND l.event_time <= d.first_at
                               AND l.event_time >= d.first_at - INTERVAL '2 days'
                             ORDER BY l.event_time DESC, l.id DESC LIMIT 1)
                            UNION ALL
                            (SELECT l.id, l.event_type, l.event_time FROM attendance_logs l
                             WHERE l.organization_id = ? AND l.user_id = d.user_id AND l.attendance_date = d.day
                               AND NOT l.is_repeat AND l.event_time > d.first_at AND l.event_time <= d.last_at)
                        ) AS e
                        ORDER BY e.event_time, e.id""")
                .params(windows.stream().map(DayWindow::userId).toArray(UUID[]::new),
                        windows.stream().map(w -> java.sql.Date.valueOf(w.date())).toArray(java.sql.Date[]::new),
                        windows.stream().map(w -> Timestamp.from(w.from())).toArray(Timestamp[]::new),
                        windows.stream().map(w -> Timestamp.from(w.to())).toArray(Timestamp[]::new),
                        organizationId, organizationId)
                .query((rs, i) -> byDay.computeIfAbsent(new PersonDay(rs.getObject(1, UUID.class),
                                rs.getObject(2, LocalDate.class)), k -> new ArrayList<>())
                        .add(new DayEvent(rs.getObject(3, UUID.class), EventType.valueOf(rs.getString(4)),
                                rs.getTimestamp(5).toInstant())))
                .list();
        return byDay;
    }

    /** The person's accepted (not repeat) events of the day, in time order. */
    public List<DayEvent> acceptedEvents(UUID organizationId, UUID userId, LocalDate date) {
        return jdbc.sql("""
                        SELECT id, event_type, event_time FROM attendance_logs
                        WHERE organization_id = ? AND attendance_date = ? AND user_id = ? AND NOT is_repeat
                        ORDER BY event_time, id""")
                .params(organizationId, date, userId)
                .query((rs, i) -> new DayEvent(rs.getObject(1, UUID.class), EventType.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** How many accepted events each person has on the organization's day: what a complete today view holds. */
    public Map<UUID, Integer> acceptedCounts(UUID organizationId, LocalDate date) {
        Map<UUID, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT user_id, count(*) FROM attendance_logs
                        WHERE organization_id = ? AND attendance_date = ? AND NOT is_repeat GROUP BY user_id""")
                .params(organizationId, date)
                .query((rs, i) -> counts.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        return counts;
    }

    /** Every person's accepted events of the organization's day, in time order: what Redis is rebuilt from. */
    public Map<UUID, List<DayEvent>> acceptedEventsByPerson(UUID organizationId, LocalDate date) {
        Map<UUID, List<DayEvent>> byPerson = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT user_id, id, event_type, event_time FROM attendance_logs
                        WHERE organization_id = ? AND attendance_date = ? AND NOT is_repeat
                        ORDER BY user_id, event_time, id""")
                .params(organizationId, date)
                .query((rs, i) -> byPerson.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new DayEvent(rs.getObject(2, UUID.class), EventType.valueOf(rs.getString(3)),
                                rs.getTimestamp(4).toInstant())))
                .list();
        return byPerson;
    }

    /** Inserts the entry; false when its organization already has its id (a redelivery). */
    public boolean insert(Entry e) {
        return jdbc.sql(INSERT)
                .params(e.id(), e.attendanceId(), e.organizationId(), e.userId(), e.date(), e.type().name(),
                        Timestamp.from(e.time()), e.cameraId(), e.confidence(), e.source().name(), e.repeat(), e.reason())
                .update() == 1;
    }

    /** {@link #insert} for a batch, in one JDBC batch (ids already present are skipped, as there). */
    public void insertAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate(INSERT, entries, entries.size(), (ps, e) -> {
            ps.setObject(1, e.id());
            ps.setObject(2, e.attendanceId());
            ps.setObject(3, e.organizationId());
            ps.setObject(4, e.userId());
            ps.setObject(5, e.date());
            ps.setString(6, e.type().name());
            ps.setTimestamp(7, Timestamp.from(e.time()));
            ps.setObject(8, e.cameraId());
            ps.setBigDecimal(9, e.confidence());
            ps.setString(10, e.source().name());
            ps.setBoolean(11, e.repeat());
            ps.setString(12, e.reason());
        });
    }

    /**
     * Links the day's unlinked logs (one person's, when {@code userId} is set) to their person's record of that
     * day; returns how many were linked. A log that arrives later stays unlinked until the next flush.
     */
    public int linkToRecords(UUID organizationId, LocalDate date, UUID userId) {
        return jdbc.sql("""
                        UPDATE attendance_logs l SET attendance_id = r.id
                        FROM attendance_records r
                        WHERE l.organization_id = :org AND l.attendance_date = :date AND l.attendance_id IS NULL
                          AND (CAST(:user AS uuid) IS NULL OR l.user_id = :user)
                          AND r.user_id = l.user_id AND r.attendance_date = l.attendance_date""")
                .param("org", organizationId).param("date", date).param("user", userId).update();
    }

    /** Every organization day that still has unlinked logs, oldest first: what the flush has to do. */
    public List<OrganizationDay> daysWithUnlinkedLogs() {
        return jdbc.sql("""
                        SELECT DISTINCT organization_id, attendance_date FROM attendance_logs
                        WHERE attendance_id IS NULL ORDER BY attendance_date, organization_id""")
                .query((rs, i) -> new OrganizationDay(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class)))
                .list();
    }

    /** The people with any log on the organization's day. */
    public List<UUID> peopleOn(UUID organizationId, LocalDate date) {
        return jdbc.sql("SELECT DISTINCT user_id FROM attendance_logs WHERE organization_id = ? AND attendance_date = ?")
                .params(organizationId, date).query(UUID.class).list();
    }

    /** One organization's calendar day. */
    public record OrganizationDay(UUID organizationId, LocalDate date) {
    }

    /** A 0..1 similarity as the seed's NUMERIC(5,2) confidence: a percentage. */
    public static BigDecimal percent(double similarity) {
        return BigDecimal.valueOf(similarity * 100).setScale(2, RoundingMode.HALF_UP);
    }

    private static final String INSERT = """
            INSERT INTO attendance_logs (id, attendance_id, organization_id, user_id, attendance_date,
                event_type, event_time, camera_id, confidence, source, is_repeat, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (organization_id, id) DO NOTHING""";

    private static final String SELECT = """
            SELECT id, organization_id, user_id, attendance_date, event_type, event_time, camera_id, confidence,
                   source, is_repeat, reason, attendance_id
            FROM attendance_logs""";

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, LocalDate.class), EventType.valueOf(rs.getString(5)), rs.getTimestamp(6).toInstant(),
                rs.getObject(7, UUID.class), rs.getBigDecimal(8), AttendanceSource.valueOf(rs.getString(9)),
                rs.getBoolean(10), rs.getString(11), rs.getObject(12, UUID.class));
    }
}
