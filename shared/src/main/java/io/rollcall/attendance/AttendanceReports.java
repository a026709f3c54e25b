package io.rollcall.attendance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.config.OrganizationSettingsService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What attendance answers: today's live view (Redis, rebuilt from the log when Redis lost it) and days over a
 * range (Postgres: flushed records, and the not yet flushed days computed from the log the way the flush will).
 * Every query is within the caller's organization.
 */
@Service
public class AttendanceReports {

    /** One person in today's live view. */
    public record PersonToday(UUID userId, String username, String fullName, String employeeCode, String department,
                              DayState.Status status, Instant firstIn, Instant lastOut) {
    }

    /** Today in the organization's zone: who is in, who has left, who has not come. */
    public record LiveView(LocalDate date, String timeZone, List<PersonToday> present, List<PersonToday> left,
                           List<PersonToday> notArrived) {
    }

    /** One page of an organization report. */
    public record Page(List<AttendanceDay> items, int page, int size, long total) {
    }

    private static final String DAYS = """
            WITH days AS (
                SELECT user_id, attendance_date, first_in_time, last_out_time, total_minutes, source, confidence,
                       reason, TRUE AS flushed
                FROM attendance_records
                WHERE organization_id = :org AND attendance_date BETWEEN :from AND :to
                UNION ALL
                SELECT user_id, attendance_date, first_in, last_out,
                       CASE WHEN last_out > first_in THEN floor(extract(epoch FROM last_out - first_in) / 60)::int END,
                       source, confidence, NULL, FALSE
                FROM (
                    SELECT l.user_id, l.attendance_date,
                           min(l.event_time) FILTER (WHERE l.event_type = 'IN' AND NOT l.is_repeat) AS first_in,
                           max(l.event_time) FILTER (WHERE l.event_type = 'OUT' AND NOT l.is_repeat) AS last_out,
                           CASE WHEN bool_or(l.source = 'CAMERA') THEN 'CAMERA'
                                WHEN bool_or(l.source = 'API') THEN 'API' ELSE 'MANUAL' END AS source,
                           round(avg(l.confidence) FILTER (WHERE NOT l.is_repeat), 2) AS confidence
                    FROM attendance_logs l
                    WHERE l.organization_id = :org AND l.attendance_date BETWEEN :from AND :to
                      AND NOT EXISTS (SELECT 1 FROM attendance_records r
                                      WHERE r.user_id = l.user_id AND r.attendance_date = l.attendance_date)
                    GROUP BY l.user_id, l.attendance_date) pending
            )
            SELECT d.*, u.username, p.full_name, p.employee_code, p.department, count(*) OVER () AS total
            FROM days d
            JOIN users u ON u.id = d.user_id AND u.organization_id = :org
            LEFT JOIN user_profiles p ON p.user_id = d.user_id
            WHERE TRUE %s
            ORDER BY d.attendance_date, p.full_name NULLS LAST, u.username, d.user_id
            %s""";

    private final JdbcClient jdbc;
    private final AttendanceDirectory directory;
    private final AttendanceLog logs;
    private final TodayCache today;
    private final OrganizationSettingsService settings;
    private final ObjectProvider<DayJudgements> judgements;

    public AttendanceReports(JdbcClient jdbc, AttendanceDirectory directory, AttendanceLog logs, TodayCache today,
                             OrganizationSettingsService settings, ObjectProvider<DayJudgements> judgements) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.logs = logs;
        this.today = today;
        this.settings = settings;
        this.judgements = judgements;
    }

    public LiveView liveView(UUID organizationId, String department, Instant now) {
        ZoneId zone = settings.forOrganization(organizationId).timeZone();
        LocalDate date = LocalDate.ofInstant(now, zone);
        ensureBuilt(organizationId, date, zone, now);
        List<AttendanceDirectory.Person> people = directory.activePeople(organizationId, department);
        Map<UUID, DayState> states = readComplete(organizationId,
                people.stream().map(AttendanceDirectory.Person::userId).toList(), date, zone, now);
        List<PersonToday> present = new ArrayList<>();
        List<PersonToday> left = new ArrayList<>();
        List<PersonToday> notArrived = new ArrayList<>();
        for (AttendanceDirectory.Person person : people) {
            DayState state = states.get(person.userId());
            PersonToday row = new PersonToday(person.userId(), person.username(), person.fullName(),
                    person.employeeCode(), person.department(), state.status(), state.firstIn(), state.lastOut());
            switch (state.status()) {
                case PRESENT -> present.add(row);
                case LEFT -> left.add(row);
                case NOT_ARRIVED -> notArrived.add(row);
            }
        }
        return new LiveView(date, zone.getId(), present, left, notArrived);
    }

    /** A person's today from Redis (rebuilt if Redis lost the day); the caller has checked the person is in the organization. */
    public DayState personToday(UUID organizationId, UUID userId, Instant now) {
        ZoneId zone = settings.forOrganization(organizationId).timeZone();
        LocalDate date = LocalDate.ofInstant(now, zone);
        ensureBuilt(organizationId, date, zone, now);
        return readComplete(organizationId, List.of(userId), date, zone, now).get(userId);
    }

    /**
     * The people's states from Redis, checked against the log: a person whose key was evicted, or who lost
     * events in a failover with replication lag, has fewer events in Redis than accepted logs in Postgres. Those
     * are repaired from the log on the spot (merging, so nothing applied meanwhile is lost) and read again, so a
     * partial loss is never wrong for the rest of the day.
     */
    private Map<UUID, DayState> readComplete(UUID organizationId, List<UUID> userIds, LocalDate date, ZoneId zone, Instant now) {
        Map<UUID, DayState> states = today.read(organizationId, userIds, date);
        Map<UUID, Integer> logged = logs.acceptedCounts(organizationId, date);
        List<UUID> stale = userIds.stream()
                .filter(id -> states.get(id).events().size() < logged.getOrDefault(id, 0)).toList();
        if (stale.isEmpty()) {
            return states;
        }
        Duration ttl = TodayCache.ttl(date, zone, now);
        for (UUID userId : stale) {
            today.apply(organizationId, userId, date, logs.acceptedEvents(organizationId, userId, date), ttl);
        }
        states.putAll(today.read(organizationId, stale, date));
        return states;
    }

    public Page report(UUID organizationId, ReportFilter filter, int page, int size) {
        List<Long> total = new ArrayList<>();
        List<AttendanceDay> items = query(organizationId, filter, "LIMIT :limit OFFSET :offset", page, size, total);
        return new Page(items, page, size, total.isEmpty() ? countOnly(organizationId, filter) : total.get(0));
    }

    /** How many days the filter matches, counted by the database. */
    public long count(UUID organizationId, ReportFilter filter) {
        return countOnly(organizationId, filter);
    }

    /** Every day the filter matches, unpaged (CSV export, a person's range). */
    public List<AttendanceDay> all(UUID organizationId, ReportFilter filter) {
        return query(organizationId, filter, "", 0, 0, new ArrayList<>());
    }

    public ZoneId timeZone(UUID organizationId) {
        return settings.forOrganization(organizationId).timeZone();
    }

    /** Redis holds the organization's day completely once it has been rebuilt from the log; rebuild if it was lost. */
    private void ensureBuilt(UUID organizationId, LocalDate date, ZoneId zone, Instant now) {
        if (!today.isBuilt(organizationId, date)) {
            today.rebuild(organizationId, date, logs.acceptedEventsByPerson(organizationId, date),
                    TodayCache.ttl(date, zone, now));
        }
    }

    private long countOnly(UUID organizationId, ReportFilter filter) {
        // an offset past the end returns no rows, hence no window count: the database counts, nothing is read
        return statement("SELECT count(*) FROM (" + days(filter, "") + ") matched", organizationId, filter)
                .query(Long.class).single();
    }

    private static String days(ReportFilter filter, String paging) {
        StringBuilder where = new StringBuilder();
        if (filter.department() != null) {
            where.append(" AND p.department = :department");
        }
        if (filter.userId() != null) {
            where.append(" AND d.user_id = :user");
        }
        return DAYS.formatted(where, paging);
    }

    private JdbcClient.StatementSpec statement(String sql, UUID organizationId, ReportFilter filter) {
        var spec = jdbc.sql(sql).param("org", organizationId).param("from", filter.from()).param("to", filter.to());
        if (filter.department() != null) {
            spec = spec.param("department", filter.department());
        }
        if (filter.userId() != null) {
            spec = spec.param("user", filter.userId());
        }
        return spec;
    }

    private List<AttendanceDay> query(UUID organizationId, ReportFilter filter, String paging, int page, int size,
                                      List<Long> total) {
        var spec = statement(days(filter, paging), organizationId, filter);
        if (!paging.isEmpty()) {
            spec = spec.param("limit", size).param("offset", (long) page * size);
        }
        List<AttendanceDay> days = spec.query((rs, i) -> {
            if (i == 0) {
                total.add(rs.getLong("total"));
            }
            return day(rs);
        }).list();
        return judged(organizationId, filter, days);
    }

    /** The days with the HR rules' status and worked minutes, judged for just the people and dates listed. */
    private List<AttendanceDay> judged(UUID organizationId, ReportFilter filter, List<AttendanceDay> days) {
        DayJudgements judge = judgements.getIfAvailable();
        if (judge == null || days.isEmpty()) {
            return days;
        }
        LocalDate from = days.stream().map(AttendanceDay::date).min(LocalDate::compareTo).orElse(filter.from());
        LocalDate to = days.stream().map(AttendanceDay::date).max(LocalDate::compareTo).orElse(filter.to());
        var byPerson = judge.judge(organizationId, from, to,
                days.stream().map(AttendanceDay::userId).distinct().toList());
        List<AttendanceDay> result = new ArrayList<>(days.size());
        for (AttendanceDay d : days) {
            result.add(d.judged(byPerson.getOrDefault(d.userId(), Map.of()).get(d.date())));
        }
        return result;
    }

    private static AttendanceDay day(ResultSet rs) throws SQLException {
        return new AttendanceDay(rs.getObject("attendance_date", LocalDate.class), rs.getObject("user_id", UUID.class),
                rs.getString("username"), rs.getString("full_name"), rs.getString("employee_code"),
                rs.getString("department"), instant(rs.getTimestamp("first_in_time")),
                instant(rs.getTimestamp("last_out_time")), rs.getObject("total_minutes", Integer.class),
                rs.getString("source"), rs.getBigDecimal("confidence"), rs.getString("reason"), rs.getBoolean("flushed"),
                null, null);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
