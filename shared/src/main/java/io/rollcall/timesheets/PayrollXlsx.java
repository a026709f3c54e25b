package io.rollcall.timesheets;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The XLSX of a payroll export through fastexcel, which writes the zipped sheet to the stream as rows are
 * flushed: memory holds {@value #FLUSH_EVERY} rows, not the workbook. Strings are inline (no shared-strings
 * table growing with the people), hours are numbers with two decimals, the period's days are dates.
 */
final class PayrollXlsx implements PayrollSheet {

    static final int FLUSH_EVERY = 500;

    private final Workbook workbook;
    private final Worksheet sheet;
    private int row;

    PayrollXlsx(OutputStream out, PayPeriod period) {
        this.workbook = new Workbook(out, "RollCall", "1.0");
        // a sheet name holds no ':' and at most 31 characters
        this.sheet = workbook.newWorksheet("Payroll " + period.start() + " to " + period.end());
    }

    @Override
    public void header(List<String> columns) throws IOException {
        for (int c = 0; c < columns.size(); c++) {
            sheet.inlineString(0, c, columns.get(c));
            sheet.style(0, c).bold().set();
        }
        sheet.freezePane(0, 1);
        row = 1;
    }

    @Override
    public void row(List<Object> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            Object cell = cells.get(c);
            if (cell instanceof BigDecimal hours) {
                sheet.value(row, c, hours);
                sheet.style(row, c).format("0.00").set();
            } else if (cell instanceof LocalDate date) {
                sheet.value(row, c, date);
                sheet.style(row, c).format("yyyy-mm-dd").set();
            } else {
                // a spreadsheet never evaluates an inline string, so a name that starts with = stays a name
                sheet.inlineString(row, c, cell.toString());
            }
        }
        if (++row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public void finish() throws IOException {
        sheet.finish();
        workbook.finish();
    }
}
