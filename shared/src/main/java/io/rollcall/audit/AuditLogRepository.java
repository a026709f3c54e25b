package io.rollcall.audit;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * audit_logs: written in batches, because every mutation of the system produces a row, each record once (its
 * id): a record delivered twice is one row. A batch goes in as one JDBC batch that the driver rewrites into
 * multi-row INSERTs ... ON CONFLICT DO NOTHING; with the duplicate check, that measured faster than a COPY into
 * a temporary table followed by one INSERT ... SELECT, which stays for comparison (docs/benchmarks.md).
 */
@Repository
public class AuditLogRepository {

    private static final String INSERT = """
            INSERT INTO audit_logs (organization_id, user_id, action, entity_type, entity_id, ip_address, user_agent, created_at, record_id)
            VALUES (?, ?, ?, ?, ?, CAST(? AS INET), ?, ?, ?)
            ON CONFLICT (record_id) WHERE record_id IS NOT NULL DO NOTHING""";
    private static final String COLUMNS =
            "organization_id, user_id, action, entity_type, entity_id, ip_address, user_agent, created_at, record_id";
    private static final String STAGE = """
            CREATE TEMPORARY TABLE IF NOT EXISTS audit_incoming (organization_id UUID, user_id UUID, action VARCHAR(100),
                entity_type VARCHAR(100), entity_id VARCHAR(100), ip_address INET, user_agent TEXT, created_at TIMESTAMPTZ,
                record_id UUID) ON COMMIT DELETE ROWS""";
    private static final String COPY = "COPY audit_incoming (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)";
    private static final String MOVE = "INSERT INTO audit_logs (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM audit_incoming ON CONFLICT (record_id) WHERE record_id IS NOT NULL DO NOTHING";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;

    public AuditLogRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.tx = new TransactionTemplate(transactions);
    }

    /** Inserts all records, each once, in one JDBC batch: all or none (a refused row fails the whole batch). */
    public void insertAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, records, records.size(), (ps, r) -> {
            ps.setObject(1, r.organizationId(), Types.OTHER);
            ps.setObject(2, r.userId(), Types.OTHER);
            ps.setString(3, r.action());
            ps.setString(4, r.entityType());
            ps.setString(5, r.entityId());
            ps.setString(6, r.ipAddress() == null || r.ipAddress().isBlank() ? null : r.ipAddress());
            ps.setString(7, r.userAgent());
            ps.setTimestamp(8, Timestamp.from(r.occurredAt() == null ? Instant.now() : r.occurredAt()));
            ps.setObject(9, r.id(), Types.OTHER);
        }));
    }

    /** The same through COPY into a temporary table and one INSERT ... SELECT that skips written records. */
    public void insertAllCopy(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder(records.size() * 160);
        for (AuditRecord r : records) {
            field(csv, r.organizationId()).append(',');
            field(csv, r.userId()).append(',');
            field(csv, r.action()).append(',');
            field(csv, r.entityType()).append(',');
            field(csv, r.entityId()).append(',');
            field(csv, r.ipAddress() == null || r.ipAddress().isBlank() ? null : r.ipAddress()).append(',');
            field(csv, r.userAgent()).append(',');
            field(csv, DateTimeFormatter.ISO_INSTANT.format(r.occurredAt() == null ? Instant.now() : r.occurredAt())).append(',');
            field(csv, r.id()).append('\n');
        }
        tx.executeWithoutResult(status -> {
            jdbc.execute(STAGE);
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv.toString()));
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into audit_logs failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
            jdbc.update(MOVE);
        });
    }

    /** CSV: an unquoted empty field is NULL, anything else is quoted with doubled quotes. */
    private static StringBuilder field(StringBuilder csv, Object value) {
        if (value == null) {
            return csv;
        }
        return csv.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
    }
}
