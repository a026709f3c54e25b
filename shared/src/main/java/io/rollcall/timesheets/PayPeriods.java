package io.rollcall.timesheets;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An organization's pay period rule, the {@code timesheets.pay_period} setting: a type and an anchor date (the
 * first day of any one period). Answers the period that contains a date.
 */
public record PayPeriods(PayPeriodType type, LocalDate anchor) {

    /** Calendar months, from the 1st. */
    public static final PayPeriods DEFAULT = new PayPeriods(PayPeriodType.MONTHLY, LocalDate.of(2024, 1, 1));

    public PayPeriods {
        if (type == null || anchor == null) {
            throw new IllegalArgumentException("a pay period rule needs a type and an anchor");
        }
    }

    /** The one period that contains {@code date}. */
    public PayPeriod containing(LocalDate date) {
        return switch (type) {
            case WEEKLY -> everyNDays(date, 7);
            case BIWEEKLY -> everyNDays(date, 14);
            case SEMI_MONTHLY -> date.getDayOfMonth() <= 15
                    ? new PayPeriod(type, date.withDayOfMonth(1), date.withDayOfMonth(15))
                    : new PayPeriod(type, date.withDayOfMonth(16), YearMonth.from(date).atEndOfMonth());
            case MONTHLY -> monthly(date);
        };
    }

    /** The period right after {@code period}. */
    public PayPeriod next(PayPeriod period) {
        return containing(period.end().plusDays(1));
    }

    /** The period right before {@code period}. */
    public PayPeriod previous(PayPeriod period) {
        return containing(period.start().minusDays(1));
    }

    private PayPeriod everyNDays(LocalDate date, int length) {
        long offset = Math.floorDiv(date.toEpochDay() - anchor.toEpochDay(), length) * length;
        LocalDate start = anchor.plusDays(offset);
        return new PayPeriod(type, start, start.plusDays(length - 1));
    }

    private PayPeriod monthly(LocalDate date) {
        YearMonth month = YearMonth.from(date);
        LocalDate start = monthStart(month);
        if (date.isBefore(start)) {
            return new PayPeriod(type, monthStart(month.minusMonths(1)), start.minusDays(1));
        }
        return new PayPeriod(type, start, monthStart(month.plusMonths(1)).minusDays(1));
    }

    /** The anchor's day in {@code month}; the month's last day when the month is shorter (an anchor on the 31st). */
    private LocalDate monthStart(YearMonth month) {
        return month.atDay(Math.min(anchor.getDayOfMonth(), month.lengthOfMonth()));
    }

    // -- the setting -------------------------------------------------------------------------------------------

    private static final Set<String> FIELDS = Set.of("type", "anchor");

    /** What is wrong with a {@code timesheets.pay_period} value, naming its field; null when it is fine. */
    public static String problem(JsonNode value) {
        if (!value.isObject()) {
            return "must be an object {\"type\": \"WEEKLY|BIWEEKLY|SEMI_MONTHLY|MONTHLY\", \"anchor\": \"YYYY-MM-DD\"}";
        }
        for (String field : value.propertyNames()) {
            if (!FIELDS.contains(field)) {
                return field + ": is not a field of the pay period (type, anchor)";
            }
        }
        JsonNode type = value.get("type");
        if (type == null || !type.isString() || Arrays.stream(PayPeriodType.values()).noneMatch(t -> t.name().equals(type.asString()))) {
            return "type: must be one of " + Arrays.toString(PayPeriodType.values());
        }
        JsonNode anchor = value.get("anchor");
        boolean needsAnchor = !type.asString().equals(PayPeriodType.SEMI_MONTHLY.name());
        if (anchor == null || anchor.isNull()) {
            return needsAnchor ? "anchor: is required for " + type.asString() + " periods (the first day of any one period, YYYY-MM-DD)" : null;
        }
        if (!anchor.isString()) {
            return "anchor: must be a date (YYYY-MM-DD)";
        }
        try {
            LocalDate date = LocalDate.parse(anchor.asString());
            return date.getYear() < 1970 || date.getYear() > 2100 ? "anchor: must be between 1970 and 2100" : null;
        } catch (DateTimeException e) {
            return "anchor: must be a date (YYYY-MM-DD), not " + anchor.asString();
        }
    }

    /** Reads a value that passed {@link #problem}. */
    public static PayPeriods read(JsonNode value) {
        PayPeriodType type = PayPeriodType.valueOf(value.get("type").asString());
        JsonNode anchor = value.get("anchor");
        return new PayPeriods(type, anchor == null || anchor.isNull() ? DEFAULT.anchor() : LocalDate.parse(anchor.asString()));
    }

    public JsonNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("type", type.name()).put("anchor", anchor.toString());
    }
}
