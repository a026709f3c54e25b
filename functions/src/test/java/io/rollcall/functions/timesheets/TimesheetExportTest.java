package io.rollcall.functions.timesheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.attendance.AttendanceLog;
import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.functions.FunctionTest;
import io.rollcall.functions.identity.AuditQueue;
import io.rollcall.identity.AccessTokens;
import io.rollcall.leave.LeaveRequests;
import io.rollcall.leave.LeaveTypes;
import io.rollcall.schedules.DepartmentHistory;
import io.rollcall.schedules.Holidays;
import io.rollcall.schedules.PeriodTotals;
import io.rollcall.schedules.ScheduleAssignments;
import io.rollcall.schedules.Schedules;
import io.rollcall.schedules.Shift;
import io.rollcall.schedules.ShiftTypes;
import io.rollcall.schedules.WorkCalendar;
import io.rollcall.timesheets.ExportTimesheets;
import io.rollcall.timesheets.PayrollColumns;
import io.rollcall.timesheets.PayrollSheet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payroll export of an approved period, on the real schedules, holidays and leave: read back with Commons
 * CSV and fastexcel, the hours are each person's as PeriodTotals sums them; a person who moved department
 * mid-period has one row with both halves and the new department; a large export goes to the bucket in parts.
 */
class TimesheetExportTest extends FunctionTest {

    static final LocalDate JUNE_1 = LocalDate.of(2026, 6, 1);
    static final String JUNE = "{\"date\":\"2026-06-10\"";

    @Autowired ApplicationContext context;
    @Autowired AccessTokens tokens;
    @Autowired JsonMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired AttendanceLog logs;
    @Autowired ShiftTypes types;
    @Autowired Schedules schedules;
    @Autowired ScheduleAssignments assignments;
    @Autowired Holidays holidays;
    @Autowired LeaveTypes leaveTypes;
    @Autowired LeaveRequests leave;
    @Autowired DepartmentHistory departments;
    @Autowired PeriodTotals totals;
    @Autowired ExportTimesheets exports;

    @Test
    void anApprovedPeriodExportsAsCsvAndXlsxWithEachPersonsHours() throws Exception {
        TimesheetFixture f = new TimesheetFixture(jdbc, context, tokens, json, ZoneId.of("Europe/Berlin"));
        UUID office = f.weekdaySchedule(types, schedules, "Office", TimesheetFixture.nineToFive());
        UUID warehouse = f.weekdaySchedule(types, schedules, "Warehouse", Shift.fixed(LocalTime.of(6, 0), LocalTime.of(14, 0), 30));
        assignments.insert(f.org, new WorkCalendar.Assignment(UUID.randomUUID(), office, WorkCalendar.Scope.DEPARTMENT,
                "Office", null, LocalDate.of(2026, 1, 1), null));
        assignments.insert(f.org, new WorkCalendar.Assignment(UUID.randomUUID(), warehouse, WorkCalendar.Scope.DEPARTMENT,
                "Warehouse", null, LocalDate.of(2026, 1, 1), null));
        UUID ann = f.user("Ann", "Office");
        UUID mo = f.user("Mo", "Warehouse");
        departments.recordChange(f.org, mo, "Office", "Warehouse", LocalDate.of(2026, 6, 16));
        for (LocalDate d = JUNE_1; !d.isAfter(LocalDate.of(2026, 6, 19)); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() > 5 || d.getDayOfMonth() == 15) {
                continue;
            }
            if (d.getDayOfMonth() < 15) {
                f.worked(logs, mo, d, "09:00", "17:00");       // the office's shift
            } else {
                f.worked(logs, mo, d, "06:00", "14:00");       // the warehouse's: on time, not an early leave
            }
        }
        f.worked(logs, ann, JUNE_1, "09:00", "19:30");             // overtime
        UUID vacation = UUID.randomUUID();
        leaveTypes.insert(f.org, new LeaveTypes.LeaveType(vacation, "VAC", "Vacation", true));
        UUID request = UUID.randomUUID();
        leave.insert(f.org, new LeaveRequests.LeaveRequest(request, ann, vacation, null, LocalDate.of(2026, 6, 22),
                LocalDate.of(2026, 6, 23), false, LeaveRequests.Status.PENDING, null, null, null, null, null, null));
        leave.decide(f.org, request, LeaveRequests.Status.APPROVED, f.admin, "ok");
        holidays.insert(f.org, new Holidays.Holiday(UUID.randomUUID(), LocalDate.of(2026, 6, 24), "Midsummer", null));
        String operator = f.operatorToken();

        TimesheetFixture.Answer unapproved = f.post("POST /timesheets/export", operator, JUNE + ",\"format\":\"csv\"}");
        assertThat(unapproved.status()).isEqualTo(409);
        assertThat(unapproved.json().get("error").asString()).isEqualTo("period_not_approved");
        assertThat(unapproved.json().get("fields").get("date").asString()).contains("4 timesheet(s)");
        TimesheetFixture.Answer badFormat = f.post("POST /timesheets/export", operator, JUNE + ",\"format\":\"pdf\"}");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.json().get("fields").has("format")).isTrue();

        assertThat(f.post("POST /timesheets/approve", operator, JUNE + "}").json().get("count").asInt()).isEqualTo(4);
        Map<UUID, PeriodTotals.PersonTotals> expected = new HashMap<>();
        totals.forEachPerson(f.org, JUNE_1, LocalDate.of(2026, 6, 30), List.of(f.admin, f.operator, ann, mo),
                t -> expected.put(t.userId(), t));

        // CSV, inline (small)
        TimesheetFixture.Answer csvAnswer = f.post("POST /timesheets/export", operator, JUNE + ",\"format\":\"csv\"}");
        assertThat(csvAnswer.status()).as(csvAnswer.body()).isEqualTo(200);
        assertThat(csvAnswer.headers().get("content-type")).startsWith("text/csv");
        assertThat(csvAnswer.headers().get("content-disposition")).contains("payroll-2026-06-01-2026-06-30.csv");
        List<CSVRecord> csv = csv(csvAnswer.body().getBytes(StandardCharsets.UTF_8));
        List<String> header = csv.get(0).toList();
        assertThat(header).containsExactly("employee_code", "username", "name", "department", "period_start", "period_end",
                "regular_hours", "overtime_hours_1.5x", "leave_hours_VAC", "holiday_hours", "holiday_worked_hours",
                "day_off_worked_hours");
        assertThat(csv).hasSize(5);
        Map<String, CSVRecord> byName = new HashMap<>();
        csv.subList(1, csv.size()).forEach(r -> byName.put(r.get(header.indexOf("name")), r));
        CSVRecord annRow = byName.get("Ann");
        PeriodTotals.PersonTotals annTotals = expected.get(ann);
        assertThat(hours(annRow, header, "regular_hours")).isEqualByComparingTo(PayrollColumns.hours(annTotals.regularMinutes()));
        assertThat(hours(annRow, header, "overtime_hours_1.5x"))
                .isEqualByComparingTo(PayrollColumns.hours(annTotals.overtimeMinutesByTier().get("1.5x"))).isPositive();
        assertThat(hours(annRow, header, "leave_hours_VAC")).isEqualByComparingTo("15.00"); // two days of 7.5 h
        assertThat(hours(annRow, header, "holiday_hours")).isEqualByComparingTo("7.50");
        assertThat(annRow.get(header.indexOf("employee_code"))).isEqualTo("E-Ann");
        assertThat(annRow.get(header.indexOf("period_start"))).isEqualTo("2026-06-01");
        // the mover: one row, the department of the period's end, both halves' hours (14 days of 7.5 h)
        CSVRecord moRow = byName.get("Mo");
        assertThat(moRow.get(header.indexOf("department"))).isEqualTo("Warehouse");
        assertThat(hours(moRow, header, "regular_hours")).isEqualByComparingTo("105.00")
                .isEqualByComparingTo(PayrollColumns.hours(expected.get(mo).regularMinutes()));
        assertThat(expected.get(mo).days().stream().filter(d -> d.exceptions() != null && !d.exceptions().isEmpty()))
                .as("each half on its department's shift: no late or early day").isEmpty();
        for (CSVRecord row : csv.subList(1, csv.size())) {
            PeriodTotals.PersonTotals t = expected.values().stream()
                    .filter(p -> p.username().equals(row.get(header.indexOf("username")))).findFirst().orElseThrow();
            assertThat(hours(row, header, "regular_hours")).as(t.username()).isEqualByComparingTo(PayrollColumns.hours(t.regularMinutes()));
            assertThat(hours(row, header, "holiday_hours")).as(t.username()).isEqualByComparingTo(PayrollColumns.hours(t.holidayMinutes()));
        }
        AuditQueue.find(AuditAction.TIMESHEETS_EXPORTED.name(), "2026-06-01..2026-06-30", f.org);

        // XLSX, inline
        TimesheetFixture.Answer xlsxAnswer = f.post("POST /timesheets/export", operator, JUNE + ",\"format\":\"xlsx\"}");
        assertThat(xlsxAnswer.status()).isEqualTo(200);
        assertThat(xlsxAnswer.headers().get("content-type")).isEqualTo(PayrollSheet.Format.XLSX.contentType());
        List<Row> sheet = xlsx(Base64.getDecoder().decode(xlsxAnswer.body()));
        assertThat(sheet).hasSize(5);
        Row annXlsx = sheet.stream().filter(r -> "Ann".equals(r.getCellText(2))).findFirst().orElseThrow();
        assertThat(annXlsx.getCellAsNumber(6).orElseThrow()).isEqualByComparingTo(hours(annRow, header, "regular_hours"));
        assertThat(annXlsx.getCellAsNumber(7).orElseThrow()).isEqualByComparingTo(hours(annRow, header, "overtime_hours_1.5x"));
        assertThat(annXlsx.getCellAsNumber(8).orElseThrow()).isEqualByComparingTo("15.00");
        assertThat(sheet.stream().filter(r -> "Mo".equals(r.getCellText(2))).findFirst().orElseThrow().getCellText(3))
                .isEqualTo("Warehouse");

        // past the inline limit: in the media bucket, in parts, behind a presigned link
        ExportTimesheets.Export export = exports.export(new Actor(f.org, f.operator, null, "test"), LocalDate.of(2026, 6, 10),
                PayrollSheet.Format.CSV, 0);
        assertThat(export).isInstanceOf(ExportTimesheets.Export.Stored.class);
        ExportTimesheets.Export.Stored stored = (ExportTimesheets.Export.Stored) export;
        assertThat(stored.key()).startsWith("exports/" + f.org + "/timesheets/");
        assertThat(stored.rows()).isEqualTo(4);
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stored.url().toString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("content-disposition")).hasValueSatisfying(v -> assertThat(v).contains("payroll-2026-06-01"));
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo(csvAnswer.body());
        assertThat(stored.bytes()).isEqualTo(download.body().length);
    }

    static BigDecimal hours(CSVRecord row, List<String> header, String column) {
        return new BigDecimal(row.get(header.indexOf(column)));
    }

    static List<CSVRecord> csv(byte[] bytes) throws Exception {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            return new ArrayList<>(CSVFormat.RFC4180.parse(reader).getRecords());
        }
    }

    static List<Row> xlsx(byte[] bytes) throws Exception {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            return workbook.getFirstSheet().read();
        }
    }
}
