package io.rollcall.faces.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.identity.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** import_rows: one row per CSV line of a job, its checkpoint and its result. */
@Repository
public class ImportRows {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;

    public ImportRows(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /** The parsed CSV, once: a job resumed after a crash while parsing inserts only what is missing. */
    public void insertAll(UUID jobId, List<ImportRow> rows) {
        jdbcTemplate.batchUpdate("""
                        INSERT INTO import_rows (job_id, line, username, fields, status, detail)
                        VALUES (?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb)) ON CONFLICT DO NOTHING""",
                rows, 1000, (ps, r) -> {
                    ps.setObject(1, jobId);
                    ps.setInt(2, r.line());
                    ps.setString(3, r.username());
                    ps.setString(4, json.writeValueAsString(r.fields()));
                    ps.setString(5, r.status().name());
                    ps.setString(6, r.detail() == null ? null : json.writeValueAsString(r.detail()));
                });
    }

    /** The next rows to process, in CSV order. */
    public List<ImportRow> pending(UUID jobId, int limit) {
        return jdbc.sql(SELECT + " WHERE job_id = ? AND status = 'PENDING' ORDER BY line LIMIT ?").params(jobId, limit)
                .query(this::row).list();
    }

    public void finish(UUID jobId, ImportRow row) {
        jdbc.sql("""
                        UPDATE import_rows SET status = ?, user_id = ?, user_created = ?, photos_enrolled = ?, photos_found = ?,
                            detail = CAST(? AS jsonb)
                        WHERE job_id = ? AND line = ?""")
                .params(row.status().name(), row.userId(), row.userCreated(), row.photosEnrolled(), row.photosFound(),
                        row.detail() == null ? null : json.writeValueAsString(row.detail()), jobId, row.line())
                .update();
    }

    public Page<ImportRow> page(UUID jobId, ImportRow.Status status, int page, int size) {
        String where = " WHERE job_id = :job" + (status == null ? "" : " AND status = :status");
        var count = jdbc.sql("SELECT count(*) FROM import_rows" + where).param("job", jobId);
        var items = jdbc.sql(SELECT + where + " ORDER BY line LIMIT :size OFFSET :offset").param("job", jobId)
                .param("size", size).param("offset", (long) page * size);
        if (status != null) {
            count = count.param("status", status.name());
            items = items.param("status", status.name());
        }
        long total = count.query(Long.class).single();
        return new Page<>(items.query(this::row).list(), page, size, total);
    }

    /** Rows per status, and photos enrolled and found over the job. */
    public record Counts(Map<ImportRow.Status, Integer> rows, int photosEnrolled, int photosFound) {
    }

    public Counts counts(UUID jobId) {
        Map<ImportRow.Status, Integer> rows = new EnumMap<>(ImportRow.Status.class);
        for (ImportRow.Status s : ImportRow.Status.values()) {
            rows.put(s, 0);
        }
        int[] photos = new int[2];
        jdbc.sql("""
                        SELECT status, count(*), sum(photos_enrolled), sum(photos_found) FROM import_rows
                        WHERE job_id = ? GROUP BY status""")
                .param(jobId).query((rs, i) -> {
                    rows.put(ImportRow.Status.valueOf(rs.getString(1)), rs.getInt(2));
                    photos[0] += rs.getInt(3);
                    photos[1] += rs.getInt(4);
                    return 1;
                }).list();
        return new Counts(rows, photos[0], photos[1]);
    }

    private static final String SELECT = """
            SELECT line, username, fields::text, status, user_id, user_created, photos_enrolled, photos_found, detail::text
            FROM import_rows""";

    private ImportRow row(ResultSet rs, int i) throws SQLException {
        String detail = rs.getString(9);
        return new ImportRow(rs.getInt(1), rs.getString(2), json.readValue(rs.getString(3), new TypeReference<Map<String, String>>() { }),
                ImportRow.Status.valueOf(rs.getString(4)), rs.getObject(5, UUID.class), (Boolean) rs.getObject(6),
                rs.getInt(7), rs.getInt(8), detail == null ? null : json.readTree(detail));
    }
}
