package io.rollcall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** After migration, every table and column of the seed design exists, with the fixes db/README.md lists. */
class SchemaTest {

    static final JdbcTemplate jdbc = new JdbcTemplate(TestEnvironment.install().dataSource());

    /** The seed design's tables and columns (../shared/seed-design.md). */
    static final Map<String, List<String>> SEED = new LinkedHashMap<>();

    static {
        SEED.put("organizations", List.of("id", "name", "legal_name", "code", "is_active", "created_at", "updated_at"));
        SEED.put("roles", List.of("id", "role_name", "description"));
        SEED.put("users", List.of("id", "organization_id", "username", "email", "password_hash", "role_id", "is_active",
                "is_deleted", "created_at", "updated_at"));
        SEED.put("user_profiles", List.of("user_id", "full_name", "employee_code", "department", "faiss_user_id",
                "created_at", "updated_at"));
        SEED.put("attendance_records", List.of("id", "organization_id", "user_id", "attendance_date", "first_in_time",
                "last_out_time", "total_minutes", "source", "confidence", "created_at", "updated_at"));
        SEED.put("attendance_logs", List.of("id", "attendance_id", "event_type", "event_time", "camera_id", "confidence",
                "created_at"));
        SEED.put("audit_logs", List.of("id", "organization_id", "user_id", "action", "entity_type", "entity_id",
                "ip_address", "user_agent", "created_at"));
        SEED.put("system_logs", List.of("id", "log_level", "service_name", "message", "metadata", "created_at"));
        SEED.put("system_health", List.of("id", "service_name", "status", "cpu_usage", "memory_usage", "recorded_at"));
        SEED.put("face_images", List.of("id", "organization_id", "user_id", "image_type", "file_path", "captured_at",
                "camera_id", "created_at"));
        SEED.put("face_embeddings", List.of("id", "organization_id", "user_id", "embedding_index", "image_id", "created_at"));
        SEED.put("system_configs", List.of("id", "organization_id", "config_key", "config_value", "created_at", "updated_at"));
        SEED.put("application_settings", List.of("id", "setting_key", "setting_value", "updated_at"));
        SEED.put("events", List.of("id", "organization_id", "event_type", "severity", "reference_id", "metadata", "created_at"));
        SEED.put("notifications", List.of("id", "event_id", "channel", "status", "created_at"));
    }

    @Test
    void everySeedTableHasEverySeedColumn() {
        SEED.forEach((table, columns) -> {
            List<String> actual = jdbc.queryForList(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?",
                    String.class, table);
            assertThat(actual).as(table).containsAll(columns);
        });
    }

    @Test
    void theSeedIndexesAndUniquesExist() {
        List<String> indexes = jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'", String.class);
        assertThat(indexes).contains("idx_users_org", "idx_users_role", "idx_attendance_user_date",
                "organizations_code_key", "users_username_key", "roles_role_name_key", "user_profiles_faiss_user_id_key",
                "application_settings_setting_key_key", "system_configs_organization_id_config_key_key");
    }

    @Test
    void rolesAreSeeded() {
        assertThat(jdbc.queryForList("SELECT id || ' ' || role_name FROM roles ORDER BY id", String.class))
                .containsExactly("1 ADMIN", "2 OPERATOR", "3 USER");
    }

    @Test
    void timestampsCarryTheirTimeZone() {
        List<String> naive = jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'
                  AND table_name <> 'flyway_schema_history'""", String.class);
        assertThat(naive).isEmpty();
    }

    @Test
    void oneAttendanceRecordPerUserAndDay() {
        UUID org = jdbc.queryForObject("INSERT INTO organizations (name, legal_name, code) VALUES ('A', 'A Ltd', ?) RETURNING id",
                UUID.class, "schema-" + UUID.randomUUID().toString().substring(0, 8));
        UUID user = jdbc.queryForObject("""
                INSERT INTO users (organization_id, username, password_hash, role_id) VALUES (?, ?, 'x', 3) RETURNING id""",
                UUID.class, org, "u-" + UUID.randomUUID());
        jdbc.update("INSERT INTO attendance_records (organization_id, user_id, attendance_date) VALUES (?, ?, DATE '2026-11-25')", org, user);

        assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO attendance_records (organization_id, user_id, attendance_date) VALUES (?, ?, DATE '2026-11-25')", org, user))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void faissUserIdsComeFromASequenceAndAreNeverReused() {
        UUID org = jdbc.queryForObject("INSERT INTO organizations (name, legal_name, code) VALUES ('B', 'B Ltd', ?) RETURNING id",
                UUID.class, "seq-" + UUID.randomUUID().toString().substring(0, 8));
        int first = profileFaissId(org);
        jdbc.update("DELETE FROM user_profiles WHERE faiss_user_id = ?", first);
        int second = profileFaissId(org);
        assertThat(second).isGreaterThan(first);
    }

    private int profileFaissId(UUID org) {
        UUID user = jdbc.queryForObject("""
                INSERT INTO users (organization_id, username, password_hash, role_id) VALUES (?, ?, 'x', 3) RETURNING id""",
                UUID.class, org, "p-" + UUID.randomUUID());
        return jdbc.queryForObject("INSERT INTO user_profiles (user_id) VALUES (?) RETURNING faiss_user_id", Integer.class, user);
    }
}
