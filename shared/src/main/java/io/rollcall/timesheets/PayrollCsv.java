package io.rollcall.timesheets;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The CSV of a payroll export (RFC 4180, CRLF), through Commons CSV; names are defused for spreadsheets. */
final class PayrollCsv implements PayrollSheet {

    private final CSVPrinter printer;

    PayrollCsv(OutputStream out) {
        try {
            this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024),
                    CSVFormat.RFC4180);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void header(List<String> columns) throws IOException {
        printer.printRecord(columns);
    }

    @Override
    public void row(List<Object> cells) throws IOException {
        for (Object cell : cells) {
            printer.print(cell instanceof String text ? defused(text) : cell.toString());
        }
        printer.println();
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }

    /** A leading =, +, - or @ would make a spreadsheet run the name as a formula: it gets a quote mark first. */
    static String defused(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
