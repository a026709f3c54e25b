package io.rollcall.faces.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** import_jobs: the jobs and the lease that lets one runner at a time hold each. */
@Repository
public class ImportJobs {

    private final JdbcClient jdbc;

    public ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ImportJob job) {
        jdbc.sql("""
                        INSERT INTO import_jobs (id, organization_id, created_by, state, people_key, photos_key)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(job.id(), job.organizationId(), job.createdBy(), job.state().name(), job.peopleKey(), job.photosKey())
                .update();
    }

    public Optional<ImportJob> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?").params(organizationId, id)
                .query(ImportJobs::job).optional();
    }

    public List<ImportJob> list(UUID organizationId, int limit) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? ORDER BY created_at DESC LIMIT ?").params(organizationId, limit)
                .query(ImportJobs::job).list();
    }

    /** WAITING_FOR_FILES to QUEUED; false when the job was in another state (started twice). */
    public boolean queue(UUID organizationId, UUID id) {
        return jdbc.sql("UPDATE import_jobs SET state = 'QUEUED' WHERE organization_id = ? AND id = ? AND state = 'WAITING_FOR_FILES'")
                .params(organizationId, id).update() == 1;
    }

    /**
     * Takes the oldest runnable job - queued, or running with an expired lease (its runner stopped) - and holds it
     * for {@code lease}. SKIP LOCKED: two runners at once take two different jobs, never one twice.
     */
    public Optional<ImportJob> claimNext(Duration lease) {
        return jdbc.sql("""
                        UPDATE import_jobs SET state = 'RUNNING', started_at = COALESCE(started_at, now()),
                            lease_until = now() + make_interval(secs => ?)
                        WHERE id = (SELECT id FROM import_jobs
                                    WHERE state IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR lease_until < now())
                                    ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
                        RETURNING id, organization_id, created_by, state, people_key, photos_key, total_rows, error,
                            created_at, started_at, finished_at""")
                .param((double) lease.toSeconds()).query(ImportJobs::job).optional();
    }

    public void setTotalRows(UUID id, int rows) {
        jdbc.sql("UPDATE import_jobs SET total_rows = ? WHERE id = ?").params(rows, id).update();
    }

    /** Lets the next run resume the job at once (this runner's time is up). */
    public void release(UUID id) {
        jdbc.sql("UPDATE import_jobs SET lease_until = NULL WHERE id = ? AND state = 'RUNNING'").param(id).update();
    }

    public void finish(UUID id, ImportJob.State state, String error) {
        jdbc.sql("UPDATE import_jobs SET state = ?, error = ?, lease_until = NULL, finished_at = now() WHERE id = ?")
                .params(state.name(), error, id).update();
    }

    private static final String SELECT = """
            SELECT id, organization_id, created_by, state, people_key, photos_key, total_rows, error, created_at,
                   started_at, finished_at
            FROM import_jobs""";

    private static ImportJob job(ResultSet rs, int row) throws SQLException {
        return new ImportJob(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                ImportJob.State.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                (Integer) rs.getObject(7), rs.getString(8), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
