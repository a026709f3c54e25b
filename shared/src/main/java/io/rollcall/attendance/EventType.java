package io.rollcall.attendance;

/** attendance_logs.event_type. */
public enum EventType { IN, OUT }
