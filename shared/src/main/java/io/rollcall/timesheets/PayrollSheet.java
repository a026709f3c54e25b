package io.rollcall.timesheets;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** A payroll export being written to a stream, row by row: CSV or XLSX. */
public interface PayrollSheet {

    /** What the export is written as. */
    enum Format {
        CSV("csv", "text/csv; charset=utf-8"),
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        private final String extension;
        private final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        public String extension() {
            return extension;
        }

        public String contentType() {
            return contentType;
        }

        public PayrollSheet open(OutputStream out, PayPeriod period) {
            return this == CSV ? new PayrollCsv(out) : new PayrollXlsx(out, period);
        }
    }

    void header(List<String> columns) throws IOException;

    /** One row of {@link PayrollColumns#cells}. */
    void row(List<Object> cells) throws IOException;

    /** Writes what is left; the stream stays open for its owner to close. */
    void finish() throws IOException;
}
