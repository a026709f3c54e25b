package io.rollcall.timesheets;

/** Draft (figures computed live) → Approved (figures fixed as approved) → Locked (nothing of the period changes). */
public enum TimesheetState {
    DRAFT, APPROVED, LOCKED
}
