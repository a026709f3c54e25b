package io.rollcall.functions;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * While open, the audit outbox refuses one organization's records (a trigger raises), as a database failing between
 * a change and its record would: a test then checks the change was not saved either.
 */
public final class RefusedAuditRecords implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String name;

    private RefusedAuditRecords(JdbcTemplate jdbc, String name) {
        this.jdbc = jdbc;
        this.name = name;
    }

    public static RefusedAuditRecords of(JdbcTemplate jdbc, UUID organizationId) {
        String name = "refuse_audit_" + organizationId.toString().replace("-", "");
        jdbc.execute("CREATE FUNCTION " + name + "() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit outbox refused'; END $$"
                + " LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON audit_outbox FOR EACH ROW WHEN (NEW.record->>'organizationId' = '"
                + organizationId + "') EXECUTE FUNCTION " + name + "()");
        return new RefusedAuditRecords(jdbc, name);
    }

    @Override
    public void close() {
        jdbc.execute("DROP TRIGGER " + name + " ON audit_outbox");
        jdbc.execute("DROP FUNCTION " + name + "()");
    }
}
