package io.rollcall.events;

/** Every kind of event the system raises; the events.event_type column and the notification routes use these names. */
public enum EventType {
    /** A face no one enrolled resembles (reference: the stored crop's face_images id). */
    UNKNOWN_FACE,
    /** A face that resembles a person, but not enough to count as them (metadata: candidateUserId). */
    LOW_CONFIDENCE,
    /**
     * A matched face failed the liveness check (a photo, a screen or a mask suspected; metadata: userId,
     * liveness score, threshold, mode, verdict, whether the attendance counted).
     */
    SPOOF_SUSPECTED,
    SERVICE_DOWN,
    SERVICE_DEGRADED,
    SERVICE_RECOVERED,
    /** A person's first IN came after their shift's start plus grace (reference: the user id; metadata: date, firstIn). */
    LATE_ARRIVAL,
    /** No IN by the shift's start plus hr.absent_alert_after_minutes (reference: the user id; metadata: date). */
    ABSENT,
    /** An IN without an OUT by the shift's end plus hr.missing_out_after_hours (reference: the user id). */
    MISSING_OUT
}
