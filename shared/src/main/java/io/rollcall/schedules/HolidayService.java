package io.rollcall.schedules;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.ICalDate;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import io.rollcall.config.OrganizationSettingsService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organization's holiday calendar (a department's own, where given): added one by one or imported from an
 * ICS file (RFC 5545, parsed by biweekly). An import adds every day its events cover, recurring ones over the
 * next {@value #RECURRENCE_YEARS} years; days already in the calendar are kept, so importing twice is harmless.
 */
@Service
public class HolidayService {

    static final int RECURRENCE_YEARS = 3;
    static final int MAX_IMPORTED_DAYS = 2_000;
    public static final int MAX_ICS_BYTES = 1_000_000;

    /** What an import did: days it added, and days it found already there. */
    public record Imported(int added, int alreadyThere, List<Holidays.Holiday> holidays) {
    }

    private final TransactionTemplate tx;
    private final Holidays holidays;
    private final OrganizationSettingsService settings;
    private final ObjectProvider<PeriodLocks> locks;
    private final AuditTrail audit;

    public HolidayService(TransactionTemplate tx, Holidays holidays, OrganizationSettingsService settings,
                          ObjectProvider<PeriodLocks> locks, AuditTrail audit) {
        this.locks = locks;
        this.tx = tx;
        this.holidays = holidays;
        this.settings = settings;
        this.audit = audit;
    }

    public List<Holidays.Holiday> list(UUID organizationId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw HrException.invalid("to", "must be on or after from");
        }
        if (to.isAfter(from.plusYears(5))) {
            throw HrException.invalid("to", "at most 5 years after from");
        }
        return holidays.list(organizationId, from, to);
    }

    public Holidays.Holiday create(Actor actor, LocalDate date, String name, String department) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (date == null) {
            problems.put("date", "is required (YYYY-MM-DD)");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 255) {
            problems.put("name", "is required, at most 255 characters");
        }
        String dept = department(problems, department);
        ScheduleService.throwIf(problems);
        Holidays.Holiday holiday = new Holidays.Holiday(UUID.randomUUID(), date, n, dept);
        tx.executeWithoutResult(s -> {
            locks.ifAvailable(l -> l.beforeCalendarChange(actor, date, date, "date"));
            if (!holidays.insert(actor.organizationId(), holiday)) {
                throw HrException.conflict("duplicate_holiday", "date", date + " is already a holiday"
                        + (dept == null ? "" : " for " + dept));
            }
            audit.record(actor, AuditAction.HOLIDAY_CREATED, holiday.id());
        });
        return holiday;
    }

    public void delete(Actor actor, UUID id) {
        tx.executeWithoutResult(s -> {
            Holidays.Holiday holiday = holidays.find(actor.organizationId(), id).orElseThrow(() -> HrException.notFound("holiday"));
            locks.ifAvailable(l -> l.beforeCalendarChange(actor, holiday.date(), holiday.date(), "id"));
            holidays.delete(actor.organizationId(), id);
            audit.record(actor, AuditAction.HOLIDAY_DELETED, id);
        });
    }

    /** Imports an ICS file's events as holidays; a file that is not iCalendar is refused whole (422, field "file"). */
    public Imported importIcs(Actor actor, byte[] file, String department) {
        Map<String, String> problems = new LinkedHashMap<>();
        String dept = department(problems, department);
        ScheduleService.throwIf(problems);
        if (file == null || file.length == 0) {
            throw HrException.invalid("file", "an ICS (text/calendar) body is required");
        }
        if (file.length > MAX_ICS_BYTES) {
            throw HrException.invalid("file", "at most " + MAX_ICS_BYTES + " bytes");
        }
        ZoneId zone = settings.forOrganization(actor.organizationId()).timeZone();
        Map<LocalDate, String> days = days(new String(file, StandardCharsets.UTF_8), zone);
        List<Holidays.Holiday> added = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            for (Map.Entry<LocalDate, String> day : days.entrySet()) {
                Holidays.Holiday holiday = new Holidays.Holiday(UUID.randomUUID(), day.getKey(), day.getValue(), dept);
                if (holidays.insert(actor.organizationId(), holiday)) {
                    added.add(holiday);
                }
            }
            if (!added.isEmpty()) { // an import that adds nothing changed nothing
                // a day in a locked period refuses the whole file: nothing half-imported
                locks.ifAvailable(l -> l.beforeCalendarChange(actor, added.get(0).date(), added.get(added.size() - 1).date(), "file"));
                audit.recordAll(actor, AuditAction.HOLIDAY_IMPORTED, added.stream().map(h -> h.id().toString()).toList());
            }
        });
        return new Imported(added.size(), days.size() - added.size(), added);
    }

    /** Every date the calendar's events cover, with the event's summary. */
    static Map<LocalDate, String> days(String text, ZoneId zone) {
        if (!text.stripLeading().regionMatches(true, 0, "BEGIN:VCALENDAR", 0, 15)) {
            throw HrException.unprocessable("not_ics", "file", "is not an iCalendar (ICS) file: it must begin with BEGIN:VCALENDAR");
        }
        List<ICalendar> calendars;
        try {
            calendars = Biweekly.parse(text).all();
        } catch (RuntimeException e) {
            throw HrException.unprocessable("not_ics", "file", "is not a readable iCalendar file: " + e.getMessage());
        }
        Map<LocalDate, String> days = new TreeMap<>();
        LocalDate horizon = LocalDate.now(zone).plusYears(RECURRENCE_YEARS);
        int events = 0;
        for (ICalendar calendar : calendars) {
            for (VEvent event : calendar.getEvents()) {
                if (event.getDateStart() == null || event.getDateStart().getValue() == null) {
                    continue;
                }
                events++;
                String name = event.getSummary() == null || event.getSummary().getValue() == null
                        ? "Holiday" : event.getSummary().getValue().strip();
                name = name.isEmpty() ? "Holiday" : name.length() > 255 ? name.substring(0, 255) : name;
                ICalDate start = event.getDateStart().getValue();
                int length = lengthInDays(event, start, zone);
                if (event.getRecurrenceRule() != null) {
                    DateIterator dates = event.getDateIterator(TimeZone.getTimeZone(zone));
                    while (dates.hasNext()) {
                        LocalDate d = local(dates.next(), start.hasTime(), zone);
                        if (d.isAfter(horizon)) {
                            break;
                        }
                        addDays(days, d, length, name);
                    }
                } else {
                    addDays(days, local(start, start.hasTime(), zone), length, name);
                }
            }
        }
        if (events == 0) {
            throw HrException.unprocessable("not_ics", "file", "holds no event with a start date (VEVENT with DTSTART)");
        }
        return days;
    }

    private static int lengthInDays(VEvent event, ICalDate start, ZoneId zone) {
        if (event.getDateEnd() == null || event.getDateEnd().getValue() == null) {
            return 1;
        }
        LocalDate from = local(start, start.hasTime(), zone);
        ICalDate end = event.getDateEnd().getValue();
        LocalDate to = local(end, end.hasTime(), zone);
        // an all-day DTEND is exclusive; a timed one ends on its own day
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + (end.hasTime() ? 1 : 0);
        return (int) Math.max(1, Math.min(days, 366));
    }

    private static void addDays(Map<LocalDate, String> days, LocalDate from, int length, String name) {
        for (int i = 0; i < length; i++) {
            days.putIfAbsent(from.plusDays(i), name);
            if (days.size() > MAX_IMPORTED_DAYS) {
                throw HrException.invalid("file", "covers more than " + MAX_IMPORTED_DAYS + " days");
            }
        }
    }

    private static LocalDate local(Date date, boolean hasTime, ZoneId zone) {
        if (!hasTime && date instanceof ICalDate ical && ical.getRawComponents() != null) {
            var c = ical.getRawComponents();
            return LocalDate.of(c.getYear(), c.getMonth(), c.getDate());
        }
        return LocalDate.ofInstant(date.toInstant(), zone);
    }

    private static String department(Map<String, String> problems, String department) {
        String d = department == null || department.isBlank() ? null : department.strip();
        if (d != null && d.length() > 100) {
            problems.put("department", "at most 100 characters");
        }
        return d;
    }
}
