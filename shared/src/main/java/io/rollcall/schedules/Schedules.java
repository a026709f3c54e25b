package io.rollcall.schedules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * schedules and their schedule_days (one aggregate, written together): the only writer of both tables.
 */
@Repository
public class Schedules {

    /** A weekly pattern: {@code days} has 7 × rotationWeeks entries, a shift type id or null for a day off. */
    public record Schedule(UUID id, String name, String timeZone, int rotationWeeks, LocalDate anchorDate,
                           List<UUID> days) {
    }

    private final JdbcClient jdbc;

    public Schedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID organizationId, Schedule schedule) {
        jdbc.sql("""
                        INSERT INTO schedules (id, organization_id, name, time_zone, rotation_weeks, anchor_date)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(schedule.id(), organizationId, schedule.name(), schedule.timeZone(), schedule.rotationWeeks(),
                        schedule.anchorDate())
                .update();
        insertDays(schedule);
    }

    /** Replaces a schedule's name, zone, rotation and days; false if it is not the organization's. */
    public boolean update(UUID organizationId, Schedule schedule) {
        boolean found = jdbc.sql("""
                        UPDATE schedules SET name = ?, time_zone = ?, rotation_weeks = ?, anchor_date = ?
                        WHERE organization_id = ? AND id = ?""")
                .params(schedule.name(), schedule.timeZone(), schedule.rotationWeeks(), schedule.anchorDate(),
                        organizationId, schedule.id())
                .update() == 1;
        if (found) {
            jdbc.sql("DELETE FROM schedule_days WHERE schedule_id = ?").param(schedule.id()).update();
            insertDays(schedule);
        }
        return found;
    }

    private void insertDays(Schedule schedule) {
        for (int i = 0; i < schedule.days().size(); i++) {
            if (schedule.days().get(i) != null) {
                jdbc.sql("INSERT INTO schedule_days (schedule_id, day_index, shift_type_id) VALUES (?, ?, ?)")
                        .params(schedule.id(), i, schedule.days().get(i)).update();
            }
        }
    }

    public List<Schedule> list(UUID organizationId) {
        Map<UUID, Schedule> byId = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, name, time_zone, rotation_weeks, anchor_date FROM schedules
                        WHERE organization_id = ? ORDER BY name""")
                .param(organizationId)
                .query((rs, i) -> {
                    int weeks = rs.getInt(4);
                    List<UUID> days = new ArrayList<>();
                    for (int d = 0; d < weeks * 7; d++) {
                        days.add(null);
                    }
                    return byId.put(rs.getObject(1, UUID.class), new Schedule(rs.getObject(1, UUID.class),
                            rs.getString(2), rs.getString(3), weeks, rs.getObject(5, LocalDate.class), days));
                })
                .list();
        jdbc.sql("""
                        SELECT d.schedule_id, d.day_index, d.shift_type_id FROM schedule_days d
                        JOIN schedules s ON s.id = d.schedule_id WHERE s.organization_id = ?""")
                .param(organizationId)
                .query((rs, i) -> {
                    Schedule s = byId.get(rs.getObject(1, UUID.class));
                    int index = rs.getInt(2);
                    if (s != null && index < s.days().size()) {
                        s.days().set(index, rs.getObject(3, UUID.class));
                    }
                    return null;
                })
                .list();
        return List.copyOf(byId.values());
    }

    public Optional<Schedule> find(UUID organizationId, UUID id) {
        return list(organizationId).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Deletes a schedule nothing is assigned to; false if it is missing, another organization's, or assigned. */
    public boolean delete(UUID organizationId, UUID id) {
        return jdbc.sql("""
                        DELETE FROM schedules s WHERE organization_id = ? AND id = ?
                          AND NOT EXISTS (SELECT 1 FROM schedule_assignments a WHERE a.schedule_id = s.id)""")
                .params(organizationId, id).update() == 1;
    }
}
