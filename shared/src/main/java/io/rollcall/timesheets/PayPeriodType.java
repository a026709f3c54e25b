package io.rollcall.timesheets;

/** How an organization cuts its calendar into pay periods (docs/hr.md, "Timesheets and payroll"). */
public enum PayPeriodType {
    /** Seven days from the anchor, and every seven days after (and before) it. */
    WEEKLY,
    /** Fourteen days from the anchor. */
    BIWEEKLY,
    /** The 1st to the 15th and the 16th to the month's last day; the anchor plays no part. */
    SEMI_MONTHLY,
    /** A month from the anchor's day of the month; past a short month's end, its last day. */
    MONTHLY
}
