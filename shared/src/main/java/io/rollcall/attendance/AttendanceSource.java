package io.rollcall.attendance;

/** Where an attendance event or record came from (attendance_logs.source, attendance_records.source). */
public enum AttendanceSource { CAMERA, API, MANUAL }
