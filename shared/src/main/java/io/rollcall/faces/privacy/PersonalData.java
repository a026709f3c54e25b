package io.rollcall.faces.privacy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.rollcall.config.ConfigKeys;
import io.rollcall.config.ConfigStore;
import io.rollcall.faces.enrollment.FaceImages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What RollCall holds about one person, for the person themself (GET /me/data): their enrolled images, whether a
 * template (embeddings) exists, their consent, their attendance, their erasure requests, and when the inactivity
 * retention would erase their template.
 */
@Component
public class PersonalData {

    public record Held(UUID userId, String username, String email, String fullName, String employeeCode, String department,
                       List<FaceImages.FaceImage> images, Template template, ConsentService.ConsentView consent,
                       Attendance attendance, List<ErasureRequests.ErasureRequest> erasureRequests, Retention retention) {
    }

    /** The face template: how many vectors, of which models. */
    public record Template(boolean exists, int vectors, List<String> modelVersions) {
    }

    /** The person's attendance as a summary; the days themselves are GET /attendance/users/{id}/days. */
    public record Attendance(long sightings, Instant firstSeen, Instant lastSeen, long days) {
    }

    /** {@code erasedAfter}: when the template goes if the person is not seen again (null: no template). */
    public record Retention(int inactiveTemplateDays, Instant lastActivity, Instant erasedAfter) {
    }

    private final JdbcClient jdbc;
    private final FaceImages images;
    private final ConsentService consents;
    private final ErasureRequests requests;
    private final ConfigStore config;

    public PersonalData(JdbcClient jdbc, FaceImages images, ConsentService consents, ErasureRequests requests, ConfigStore config) {
        this.jdbc = jdbc;
        this.images = images;
        this.consents = consents;
        this.requests = requests;
        this.config = config;
    }

    public Held of(UUID organizationId, UUID userId) {
        var user = jdbc.sql("""
                SELECT u.username, u.email, p.full_name, p.employee_code, p.department
                FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id
                WHERE u.id = ? AND u.organization_id = ? AND NOT COALESCE(u.is_deleted, FALSE)""")
                .params(userId, organizationId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)})
                .optional().orElseThrow(() -> PrivacyException.notFound("user " + userId));
        List<String> models = jdbc.sql("SELECT model_version FROM face_embeddings WHERE organization_id = ? AND user_id = ?")
                .params(organizationId, userId).query(String.class).list();
        Template template = new Template(!models.isEmpty(), models.size(), models.stream().distinct().sorted().toList());
        Attendance attendance = jdbc.sql("""
                SELECT count(*), min(event_time), max(event_time), count(DISTINCT attendance_date)
                FROM attendance_logs WHERE organization_id = ? AND user_id = ?""")
                .params(organizationId, userId)
                .query((rs, n) -> new Attendance(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getLong(4)))
                .single();
        int days = config.organization(organizationId, ConfigKeys.INACTIVE_TEMPLATE_RETENTION_DAYS);
        Instant enrolled = jdbc.sql("SELECT max(created_at) FROM face_embeddings WHERE organization_id = ? AND user_id = ?")
                .params(organizationId, userId).query((rs, n) -> java.util.Optional.ofNullable(instant(rs.getTimestamp(1))))
                .single().orElse(null);
        Instant last = latest(enrolled, attendance.lastSeen());
        Retention retention = new Retention(days, last,
                template.exists() && last != null ? last.plus(Duration.ofDays(days)) : null);
        return new Held(userId, user[0], user[1], user[2], user[3], user[4], images.list(organizationId, userId), template,
                consents.viewOf(organizationId, userId), attendance, requests.ofUser(organizationId, userId), retention);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
