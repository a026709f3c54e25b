package io.rollcall.schedules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.rollcall.attendance.DayJudgements;
import io.rollcall.attendance.EventType;
import io.rollcall.config.OrganizationSettingsService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link PeriodTotals} computed on read from the attendance logs and the HR tables (docs/hr.md: nothing is
 * materialized, so a late sighting or a correction changes exactly the days it falls on, the next time they are
 * read). The period's events stream from Postgres in username order; one person's days are held at a time.
 */
@Service
public class ScheduleTotals implements PeriodTotals, DayJudgements {

    /** Rows fetched per round trip while streaming the period's events. */
    static final int FETCH_SIZE = 10_000;

    /** A person as the totals name them. */
    public record Person(UUID userId, String username, String fullName, String employeeCode, String department) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final OrganizationSettingsService settings;
    private final HrPolicies policies;
    private final Calendars calendars;

    public ScheduleTotals(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                          OrganizationSettingsService settings, HrPolicies policies, Calendars calendars) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true); // and Postgres streams with a cursor only inside a transaction
        this.settings = settings;
        this.policies = policies;
        this.calendars = calendars;
    }

    @Override
    public void forEachPerson(UUID organizationId, LocalDate from, LocalDate to, Collection<UUID> users,
                              Consumer<PersonTotals> sink) {
        forEachPerson(organizationId, from, to, users, null, Instant.now(), sink);
    }

    /** The same, for one department's people (on {@code to}) when {@code department} is set, as of {@code now}. */
    public void forEachPerson(UUID organizationId, LocalDate from, LocalDate to, Collection<UUID> users,
                              String department, Instant now, Consumer<PersonTotals> sink) {
        forEachJudged(organizationId, from, to, users, department, now,
                (person, sums, calendar) -> sink.accept(totals(person, sums, calendar, to)));
    }

    /** What a judged person is handed to: the person, their sums and days, and the calendar they were judged by. */
    @FunctionalInterface
    public interface JudgedSink {
        void accept(Person person, PeriodRules.Sums sums, WorkCalendar calendar);
    }

    /** The judged days themselves (with first IN, last OUT and shift start): what alerts need beyond the totals. */
    public void forEachJudged(UUID organizationId, LocalDate from, LocalDate to, Collection<UUID> users,
                              String department, Instant now, JudgedSink sink) {
        ZoneId zone = settings.forOrganization(organizationId).timeZone();
        HrPolicy policy = policies.forOrganization(organizationId);
        LocalDate judgedFrom = PeriodRules.judgedFrom(from);
        // a day early: the night shift of the day before reaches into the first day's morning
        WorkCalendar calendar = calendars.load(organizationId, judgedFrom.minusDays(1), to);
        UUID[] filter = users == null ? null : users.toArray(UUID[]::new);
        List<Person> people = people(organizationId, filter).stream()
                .filter(p -> department == null || department.equals(calendar.department(p.userId(), p.department(), to)))
                .toList();
        Map<UUID, Integer> position = new HashMap<>();
        for (int i = 0; i < people.size(); i++) {
            position.put(people.get(i).userId(), i);
        }
        readOnly.executeWithoutResult(tx -> {
            var cursor = new Object() {
                int next = 0;
                int current = -1;
                List<DayRules.Punch> punches = new ArrayList<>();

                void emitUpTo(int index) {
                    while (next < index) {
                        Person p = people.get(next);
                        List<DayRules.DayPlan> plans = calendar.plans(p.userId(), p.department(), judgedFrom.minusDays(1), to);
                        sink.accept(p, PeriodRules.sum(plans, next == current ? punches : List.of(), from, zone, policy, now),
                                calendar);
                        if (next == current) {
                            punches = new ArrayList<>();
                        }
                        next++;
                    }
                }
            };
            streaming.query("""
                            SELECT l.user_id, l.event_type, l.event_time FROM attendance_logs l
                            JOIN users u ON u.id = l.user_id
                            WHERE l.organization_id = ? AND l.attendance_date BETWEEN ? AND ? AND NOT l.is_repeat
                              AND u.is_active AND NOT u.is_deleted AND (CAST(? AS uuid[]) IS NULL OR l.user_id = ANY(?))
                            ORDER BY u.username, l.event_time, l.id""",
                    rs -> {
                        Integer index = position.get(rs.getObject(1, UUID.class));
                        if (index == null) {
                            return; // another department's
                        }
                        if (index != cursor.current) {
                            cursor.emitUpTo(index);
                            cursor.current = index;
                        }
                        cursor.punches.add(new DayRules.Punch(EventType.valueOf(rs.getString(2)),
                                rs.getTimestamp(3).toInstant()));
                    },
                    organizationId, judgedFrom.minusDays(1), to.plusDays(1), filter, filter);
            cursor.emitUpTo(people.size());
        });
    }

    @Override
    public Map<UUID, Map<LocalDate, Judgement>> judge(UUID organizationId, LocalDate from, LocalDate to,
                                                      Collection<UUID> users) {
        Map<UUID, Map<LocalDate, Judgement>> judged = new HashMap<>();
        forEachPerson(organizationId, from, to, users, person -> {
            Map<LocalDate, Judgement> days = new HashMap<>();
            for (WorkedDay d : person.days()) {
                days.put(d.date(), new Judgement(d.status().name(), d.workedMinutes()));
            }
            judged.put(person.userId(), days);
        });
        return judged;
    }

    static PersonTotals totals(Person p, PeriodRules.Sums sums, WorkCalendar calendar, LocalDate to) {
        List<WorkedDay> days = new ArrayList<>(sums.days().size());
        for (DayRules.Judged d : sums.days()) {
            days.add(new WorkedDay(d.date(), d.status(), d.exceptions(), d.scheduledMinutes(), d.workedMinutes(),
                    d.leaveType(), d.settled()));
        }
        return new PersonTotals(p.userId(), p.username(), p.fullName(), p.employeeCode(),
                calendar.department(p.userId(), p.department(), to), sums.regularMinutes(), sums.overtimeMinutesByTier(),
                sums.leaveMinutesByType(), sums.holidayMinutes(), sums.holidayWorkedMinutes(), sums.dayOffWorkedMinutes(),
                days);
    }

    private List<Person> people(UUID organizationId, UUID[] filter) {
        return jdbc.sql("""
                        SELECT u.id, u.username, p.full_name, p.employee_code, p.department FROM users u
                        LEFT JOIN user_profiles p ON p.user_id = u.id
                        WHERE u.organization_id = ? AND u.is_active AND NOT u.is_deleted
                          AND (CAST(? AS uuid[]) IS NULL OR u.id = ANY(?))
                        ORDER BY u.username""")
                .params(organizationId, filter, filter)
                .query((rs, i) -> new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }
}
