package io.rollcall.audit;

/**
 * Every action the audit trail records, with the kind of entity it is about. A new mutation adds its action
 * here; {@code AuditWalkTest} (functions) fails for a mutating route whose call leaves no audit row.
 */
public enum AuditAction {
    LOGIN_SUCCEEDED(Entity.USER),
    /** Entity id: the username tried, since there may be no such user. */
    LOGIN_FAILED(Entity.USER),
    /** A rotated refresh token was presented again (a copied cookie): its whole sign-in was revoked. */
    SESSION_REFRESH_REUSED(Entity.USER),
    /** POST /auth/sign-out-everywhere: every session of the person ended. */
    SESSIONS_ENDED(Entity.USER),
    USER_CREATED(Entity.USER),
    USER_UPDATED(Entity.USER),
    USER_DEACTIVATED(Entity.USER),
    USER_DELETED(Entity.USER),
    USER_PASSWORD_RESET(Entity.USER),
    USER_PASSWORD_CHANGED(Entity.USER),
    USER_PROFILE_UPDATED(Entity.USER),
    ORGANIZATION_CREATED(Entity.ORGANIZATION),
    ORGANIZATION_UPDATED(Entity.ORGANIZATION),
    ORGANIZATION_ACTIVATED(Entity.ORGANIZATION),
    ORGANIZATION_DEACTIVATED(Entity.ORGANIZATION),
    CAMERA_CREATED(Entity.CAMERA),
    CAMERA_UPDATED(Entity.CAMERA),
    CAMERA_DELETED(Entity.CAMERA),
    CAMERA_KEY_ROTATED(Entity.CAMERA),
    CAMERA_KEY_REVOKED(Entity.CAMERA),
    FACE_ENROLLED(Entity.FACE_IMAGE),
    FACE_DELETED(Entity.FACE_IMAGE),
    /** POST /recognize: someone identified the people in a photo. Entity id: the caller's request id. */
    FACES_RECOGNIZED(Entity.RECOGNITION),
    ATTENDANCE_CORRECTED(Entity.ATTENDANCE_RECORD),
    ATTENDANCE_EVENT_POSTED(Entity.ATTENDANCE_EVENT),
    /** Entity id: the flushed date. */
    ATTENDANCE_FLUSHED(Entity.ATTENDANCE_DAY),
    /** Entity id: the configuration key. */
    CONFIG_UPDATED(Entity.CONFIG),
    EVENT_ACKNOWLEDGED(Entity.EVENT),
    NOTIFICATION_READ(Entity.NOTIFICATION),
    /** A bulk enrollment created (upload links handed out), started, and finished (DONE or FAILED). */
    IMPORT_CREATED(Entity.IMPORT),
    IMPORT_STARTED(Entity.IMPORT),
    IMPORT_FINISHED(Entity.IMPORT),
    /** A person's consent to biometric enrollment was recorded. Entity id: the person. */
    CONSENT_RECORDED(Entity.USER),
    /** A person's consent was withdrawn (their biometric data erased with it). Entity id: the person. */
    CONSENT_WITHDRAWN(Entity.USER),
    /** A person's images, template, index entries and snapshots holding them were erased. Entity id: the person. */
    BIOMETRICS_ERASED(Entity.USER),
    ERASURE_REQUESTED(Entity.ERASURE_REQUEST),
    ERASURE_EXECUTED(Entity.ERASURE_REQUEST),
    ERASURE_REFUSED(Entity.ERASURE_REQUEST),
    TIMESHEET_APPROVED(Entity.TIMESHEET),
    TIMESHEET_LOCKED(Entity.TIMESHEET),
    /** An ADMIN reopened an approved or locked timesheet, with a reason (kept on the timesheet). */
    TIMESHEET_REOPENED(Entity.TIMESHEET),
    /** A correction, late sighting or leave changed the days of an approved timesheet: its approval no longer held. */
    TIMESHEET_RETURNED_TO_DRAFT(Entity.TIMESHEET),
    /** Entity id: the period, {start}..{end}. */
    TIMESHEETS_EXPORTED(Entity.PAY_PERIOD),
    SHIFT_TYPE_CREATED(Entity.SHIFT_TYPE),
    SCHEDULE_CREATED(Entity.SCHEDULE),
    SCHEDULE_DELETED(Entity.SCHEDULE),
    SCHEDULE_ASSIGNED(Entity.SCHEDULE_ASSIGNMENT),
    SCHEDULE_UNASSIGNED(Entity.SCHEDULE_ASSIGNMENT),
    HOLIDAY_CREATED(Entity.HOLIDAY),
    /** An ICS import: one record per holiday it added. */
    HOLIDAY_IMPORTED(Entity.HOLIDAY),
    HOLIDAY_DELETED(Entity.HOLIDAY),
    LEAVE_TYPE_CREATED(Entity.LEAVE_TYPE),
    LEAVE_REQUESTED(Entity.LEAVE_REQUEST),
    LEAVE_APPROVED(Entity.LEAVE_REQUEST),
    LEAVE_REJECTED(Entity.LEAVE_REQUEST);

    /** What an audited action is about: the entity_type column. */
    public enum Entity {
        USER, ORGANIZATION, CAMERA, FACE_IMAGE, RECOGNITION, ATTENDANCE_RECORD, ATTENDANCE_EVENT, ATTENDANCE_DAY,
        CONFIG, EVENT, NOTIFICATION, IMPORT, ERASURE_REQUEST, TIMESHEET, PAY_PERIOD, SHIFT_TYPE, SCHEDULE, SCHEDULE_ASSIGNMENT, HOLIDAY, LEAVE_TYPE,
        LEAVE_REQUEST
    }

    private final Entity entity;

    AuditAction(Entity entity) {
        this.entity = entity;
    }

    public Entity entity() {
        return entity;
    }
}
