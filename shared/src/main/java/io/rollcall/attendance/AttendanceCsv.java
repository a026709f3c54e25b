package io.rollcall.attendance;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The CSV export of a report: times in the organization's zone, cells quoted and safe to open in a spreadsheet. */
public final class AttendanceCsv {

    static final String HEADER = "date,user_id,username,full_name,employee_code,department,first_in,last_out,"
            + "total_minutes,source,confidence,reason,flushed,status,worked_minutes";

    private AttendanceCsv() {
    }

    public static String write(List<AttendanceDay> days, ZoneId zone) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (AttendanceDay d : days) {
            csv.append(String.join(",", d.date().toString(), d.userId().toString(), cell(d.username()),
                    cell(d.fullName()), cell(d.employeeCode()), cell(d.department()), time(d.firstIn(), zone),
                    time(d.lastOut(), zone), d.totalMinutes() == null ? "" : d.totalMinutes().toString(),
                    cell(d.source()), d.confidence() == null ? "" : d.confidence().toPlainString(), cell(d.reason()),
                    String.valueOf(d.flushed()), d.status() == null ? "" : d.status(),
                    d.workedMinutes() == null ? "" : d.workedMinutes().toString())).append("\r\n");
        }
        return csv.toString();
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs a name as a formula. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
