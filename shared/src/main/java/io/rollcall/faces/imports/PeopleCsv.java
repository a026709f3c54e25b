package io.rollcall.faces.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rollcall.domain.DomainException;
import io.rollcall.identity.Fields;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The people CSV of a bulk import: a header line, then one person a line. Columns (any order, case-insensitive):
 * {@code username} (required), {@code name}, {@code employee_code}, {@code department}, {@code email},
 * {@code role} (ADMIN, OPERATOR or USER; USER when empty). Other columns are ignored. Commons CSV does the quoting.
 */
public final class PeopleCsv {

    public static final List<String> COLUMNS = List.of("username", "name", "employee_code", "department", "email", "role");
    /** More lines than this is not a bulk import but a mistake (the job would run for hours). */
    public static final int MAX_ROWS = 100_000;

    /** A file that cannot be an import at all. */
    public static final class Unreadable extends DomainException {
        Unreadable(String message) {
            super(Kind.UNPROCESSABLE, "people_csv_unreadable", message, Map.of("people", message));
        }
    }

    private PeopleCsv() {
    }

    /** Every person of the file, as rows to import (PENDING) or INVALID ones naming their fields. */
    public static List<ImportRow> read(InputStream in) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setIgnoreHeaderCase(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> header = new LinkedHashMap<>();
            // a spreadsheet's UTF-8 byte order mark would otherwise be part of the first column's name
            parser.getHeaderMap().forEach((name, index) -> header.put(name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT), index));
            if (!header.containsKey("username")) {
                throw new Unreadable("people.csv has no username column (its header: " + String.join(",", header.keySet()) + ")");
            }
            List<ImportRow> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (rows.size() >= MAX_ROWS) {
                    throw new Unreadable("people.csv has more than " + MAX_ROWS + " people; split it");
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (String column : COLUMNS) {
                    Integer index = header.get(column);
                    String value = index == null || index >= record.size() ? "" : record.get(index);
                    fields.put(column, value);
                }
                if (fields.get("role").isEmpty()) {
                    fields.put("role", "USER");
                } else {
                    fields.put("role", fields.get("role").toUpperCase(Locale.ROOT));
                }
                String username = Fields.normalizeUsername(fields.get("username"));
                int line = (int) record.getRecordNumber() + 1;   // the header is line 1
                rows.add(new ImportRow(line, username == null || username.isEmpty() ? null : username, fields, ImportRow.Status.PENDING,
                        null, null, 0, 0, null));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Commons CSV's word for a file that is not CSV (a duplicate header, an unclosed quote)
            throw new Unreadable("people.csv is not a CSV file: " + e.getMessage());
        }
    }
}
