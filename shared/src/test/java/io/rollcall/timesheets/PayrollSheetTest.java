package io.rollcall.timesheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/**
 * The two payroll formats written from timesheets built here (test data, not a database) and read back with
 * the libraries: the same columns, the same hours, names that stay names.
 */
class PayrollSheetTest {

    static final PayPeriod NOVEMBER = new PayPeriod(PayPeriodType.MONTHLY, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));

    @Test
    void csvHasThePayrollColumnsAndTheHours() throws Exception {
        Timesheets.Row ada = row("ada", "Ada Lovelace", "E-1", "Engineering", 9_630,
                Map.of("1.5x", 90, "2x", 45), Map.of("VACATION", 480), 480, 0, 120);
        Timesheets.Row eve = row("eve", "=HYPERLINK(\"x\")", null, null, 60, Map.of(), Map.of("SICK", 240), 0, 30, 0);
        PayrollColumns columns = new PayrollColumns(List.of("1.5x", "2x"), List.of("SICK", "VACATION"));

        List<CSVRecord> records = csv(write(PayrollSheet.Format.CSV, columns, List.of(ada, eve)));

        assertThat(records.get(0).toList()).containsExactly("employee_code", "username", "name", "department",
                "period_start", "period_end", "regular_hours", "overtime_hours_1.5x", "overtime_hours_2x",
                "leave_hours_SICK", "leave_hours_VACATION", "holiday_hours", "holiday_worked_hours", "day_off_worked_hours");
        assertThat(records.get(1).toList()).containsExactly("E-1", "ada", "Ada Lovelace", "Engineering", "2026-11-01",
                "2026-11-30", "160.50", "1.50", "0.75", "0.00", "8.00", "8.00", "0.00", "2.00");
        assertThat(cell(records, 2, "name")).as("a formula is defused").isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(cell(records, 2, "employee_code")).isEmpty();
        assertThat(cell(records, 2, "holiday_worked_hours")).isEqualTo("0.50");
    }

    @Test
    void xlsxReadsBackWithNumbersDatesAndInlineNames() throws Exception {
        Timesheets.Row ada = row("ada", "Ada Lovelace", "E-1", "Engineering", 9_630, Map.of("1.5x", 90), Map.of(), 0, 0, 0);
        Timesheets.Row eve = row("eve", "=1+1", "E-2", "Sales", 61, Map.of(), Map.of(), 0, 0, 0);
        PayrollColumns columns = new PayrollColumns(List.of("1.5x"), List.of());

        List<Row> rows = xlsx(write(PayrollSheet.Format.XLSX, columns, List.of(ada, eve)));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getCellText(6)).isEqualTo("regular_hours");
        assertThat(rows.get(0).getCellText(7)).isEqualTo("overtime_hours_1.5x");
        assertThat(rows.get(1).getCellText(2)).isEqualTo("Ada Lovelace");
        assertThat(rows.get(1).getCellAsNumber(6)).hasValueSatisfying(n -> assertThat(n).isEqualByComparingTo("160.50"));
        assertThat(rows.get(1).getCellAsNumber(7)).hasValueSatisfying(n -> assertThat(n).isEqualByComparingTo("1.5"));
        assertThat(rows.get(1).getCellAsDate(4)).hasValueSatisfying(d -> assertThat(d.toLocalDate()).isEqualTo(NOVEMBER.start()));
        assertThat(rows.get(2).getCellText(2)).as("an inline string, never a formula").isEqualTo("=1+1");
        assertThat(rows.get(2).getCell(2).getFormula()).isNull();
        assertThat(rows.get(2).getCellAsNumber(6)).hasValueSatisfying(n -> assertThat(n).isEqualByComparingTo("1.02"));
    }

    /** Seeded: many people with random figures; both files read back carry each person's hours, in order. */
    @Test
    void bothFormatsCarryEveryPersonsHours() throws Exception {
        long seed = 4242L;
        Random random = new Random(seed);
        List<String> tiers = List.of("1.25x", "1.5x", "2x");
        List<String> types = List.of("SICK", "UNPAID", "VACATION");
        List<Timesheets.Row> people = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Map<String, Integer> overtime = new TreeMap<>();
            Map<String, Integer> leave = new TreeMap<>();
            tiers.forEach(t -> {
                if (random.nextBoolean()) {
                    overtime.put(t, random.nextInt(3000));
                }
            });
            types.forEach(t -> {
                if (random.nextInt(4) == 0) {
                    leave.put(t, random.nextInt(5000));
                }
            });
            people.add(row(String.format("p%05d", i), "Person " + i, "E" + i, "D" + random.nextInt(9),
                    random.nextInt(12_000), overtime, leave, random.nextInt(1000), random.nextInt(600), random.nextInt(600)));
        }
        PayrollColumns columns = new PayrollColumns(tiers, types);
        List<CSVRecord> csv = csv(write(PayrollSheet.Format.CSV, columns, people));
        List<Row> xlsx = xlsx(write(PayrollSheet.Format.XLSX, columns, people));
        assertThat(csv).hasSize(people.size() + 1);
        assertThat(xlsx).hasSize(people.size() + 1);
        for (int i = 0; i < people.size(); i++) {
            Timesheets.Row p = people.get(i);
            List<Object> expected = columns.cells(p);
            String why = "seed " + seed + " person " + i;
            assertThat(cell(csv, i + 1, "username")).as(why).isEqualTo(p.username());
            assertThat(xlsx.get(i + 1).getCellText(1)).as(why).isEqualTo(p.username());
            for (int c = 6; c < expected.size(); c++) {
                BigDecimal hours = (BigDecimal) expected.get(c);
                assertThat(new BigDecimal(csv.get(i + 1).get(c))).as(why + " column " + c).isEqualByComparingTo(hours);
                assertThat(xlsx.get(i + 1).getCellAsNumber(c).orElseThrow()).as(why + " column " + c).isEqualByComparingTo(hours);
            }
            int minutes = p.figures().regularMinutes();
            assertThat(new BigDecimal(cell(csv, i + 1, "regular_hours")).multiply(BigDecimal.valueOf(60)).doubleValue())
                    .as(why).isCloseTo(minutes, org.assertj.core.data.Offset.offset(0.3));
        }
    }

    static Timesheets.Row row(String username, String name, String code, String department, int regular,
                              Map<String, Integer> overtime, Map<String, Integer> leave, int holiday, int holidayWorked,
                              int dayOffWorked) {
        return new Timesheets.Row(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), NOVEMBER, TimesheetState.APPROVED,
                username, name, code, department, new Timesheet.Figures(regular, overtime, leave, holiday, holidayWorked,
                dayOffWorked, Map.of()), Timesheet.History.NONE);
    }

    static byte[] write(PayrollSheet.Format format, PayrollColumns columns, List<Timesheets.Row> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayrollSheet sheet = format.open(out, NOVEMBER);
        sheet.header(columns.header());
        for (Timesheets.Row row : rows) {
            sheet.row(columns.cells(row));
        }
        sheet.finish();
        return out.toByteArray();
    }

    static List<CSVRecord> csv(byte[] bytes) throws Exception {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.parse(reader).getRecords(); // the header is record 0
        }
    }

    static String cell(List<CSVRecord> records, int row, String column) {
        return records.get(row).get(records.get(0).toList().indexOf(column));
    }

    static List<Row> xlsx(byte[] bytes) throws Exception {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            return workbook.getFirstSheet().read();
        }
    }
}
