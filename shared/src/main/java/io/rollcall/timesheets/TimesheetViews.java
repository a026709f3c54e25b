package io.rollcall.timesheets;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.config.OrganizationSettingsService;
import io.rollcall.schedules.PeriodTotals;
import org.springframework.stereotype.Service;

/**
 * What the timesheets answer: the pay period of a date, a period's timesheets (paged, with how many are in each
 * state) and one person's timesheet with its days. Drafts are computed live through {@link PeriodTotals}; an
 * approved or locked timesheet shows its figures as approved.
 */
@Service
public class TimesheetViews {

    /** A page of a period's timesheets; {@code counts} are of the whole period, whatever the department filter. */
    public record PeriodPage(PayPeriod period, List<Timesheet> items, int page, int size, int total,
                             Map<TimesheetState, Integer> counts) {
    }

    private final ConfigStore config;
    private final OrganizationSettingsService settings;
    private final TimesheetDirectory directory;
    private final Timesheets timesheets;
    private final PeriodTotals totals;

    public TimesheetViews(ConfigStore config, OrganizationSettingsService settings, TimesheetDirectory directory,
                          Timesheets timesheets, PeriodTotals totals) {
        this.config = config;
        this.settings = settings;
        this.directory = directory;
        this.timesheets = timesheets;
        this.totals = totals;
    }

    /** The organization's pay period containing {@code date}. */
    public PayPeriod period(UUID organizationId, LocalDate date) {
        return config.organization(organizationId, ConfigKeys.PAY_PERIOD).containing(date);
    }

    /** The instant the period's last day ends in the organization's zone: who existed by then has a timesheet. */
    Instant endsAt(UUID organizationId, PayPeriod period) {
        ZoneId zone = settings.forOrganization(organizationId).timeZone();
        return period.end().plusDays(1).atStartOfDay(zone).toInstant();
    }

    public PeriodPage list(UUID organizationId, LocalDate date, String department, int page, int size) {
        PayPeriod period = period(organizationId, date);
        Instant endsAt = endsAt(organizationId, period);
        List<TimesheetDirectory.Person> people = directory.people(organizationId, period.start(), endsAt, department,
                page * size, size);
        int total = directory.count(organizationId, period.start(), endsAt, department);
        List<Timesheet> items = timesheetsOf(organizationId, period, people, false);
        Map<TimesheetState, Integer> counts = new EnumMap<>(TimesheetState.class);
        Map<TimesheetState, Integer> stored = timesheets.counts(organizationId, period.start());
        int everyone = directory.count(organizationId, period.start(), endsAt, null);
        counts.put(TimesheetState.APPROVED, stored.getOrDefault(TimesheetState.APPROVED, 0));
        counts.put(TimesheetState.LOCKED, stored.getOrDefault(TimesheetState.LOCKED, 0));
        counts.put(TimesheetState.DRAFT, everyone - counts.get(TimesheetState.APPROVED) - counts.get(TimesheetState.LOCKED));
        return new PeriodPage(period, items, page, size, total, counts);
    }

    /** One person's timesheet of the period containing {@code date}, with its days; empty for another organization's. */
    public Optional<Timesheet> person(UUID organizationId, UUID userId, LocalDate date) {
        return directory.person(organizationId, userId).map(person ->
                timesheetsOf(organizationId, period(organizationId, date), List.of(person), true).get(0));
    }

    private List<Timesheet> timesheetsOf(UUID organizationId, PayPeriod period, List<TimesheetDirectory.Person> people,
                                         boolean withDays) {
        if (people.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = people.stream().map(TimesheetDirectory.Person::userId).toList();
        Map<UUID, Timesheets.Row> rows = timesheets.forPeriod(organizationId, period.start(), ids).stream()
                .collect(Collectors.toMap(Timesheets.Row::userId, Function.identity()));
        // live figures for the drafts; the days too, for one person's view
        List<UUID> live = withDays ? ids : ids.stream()
                .filter(id -> !rows.containsKey(id) || rows.get(id).state() == TimesheetState.DRAFT).toList();
        Map<UUID, PeriodTotals.PersonTotals> computed = new HashMap<>();
        if (!live.isEmpty()) {
            totals.forEachPerson(organizationId, period.start(), period.end(), live, t -> computed.put(t.userId(), t));
        }
        List<Timesheet> result = new ArrayList<>(people.size());
        for (TimesheetDirectory.Person person : people) {
            Timesheets.Row row = rows.get(person.userId());
            PeriodTotals.PersonTotals now = computed.get(person.userId());
            List<PeriodTotals.WorkedDay> days = withDays && now != null ? now.days() : null;
            if (row != null && row.state() != TimesheetState.DRAFT) {
                result.add(new Timesheet(row.id(), person.userId(), row.username(), row.fullName(), row.employeeCode(),
                        row.department(), row.period(), row.state(), row.figures(), row.history(), days));
            } else {
                result.add(new Timesheet(row == null ? null : row.id(), person.userId(),
                        now == null ? person.username() : now.username(), now == null ? person.fullName() : now.fullName(),
                        now == null ? person.employeeCode() : now.employeeCode(),
                        now == null ? person.department() : now.department(), period, TimesheetState.DRAFT,
                        now == null ? null : Timesheet.Figures.of(now),
                        row == null ? Timesheet.History.NONE : row.history(), days));
            }
        }
        return result;
    }
}
