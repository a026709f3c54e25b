package io.rollcall.identity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.rollcall.domain.EmailAddress;

/** Collects field errors against the column sizes and formats, then throws them all at once (400 with fields). */
public final class Fields {

    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,99}");
    /** URL-safe: lower-case letters, digits and inner hyphens. */
    public static final Pattern ORG_CODE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?");
    public static final int PASSWORD_MIN = 8;
    /** Argon2 hashes any length, but a megabyte password is a cheap way to burn CPU. */
    public static final int PASSWORD_MAX = 128;

    private final Map<String, String> errors = new LinkedHashMap<>();

    public static String normalizeUsername(String username) {
        return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
    }

    public Fields required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            errors.putIfAbsent(field, "is required");
        }
        return this;
    }

    public Fields maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.putIfAbsent(field, "must be at most " + max + " characters");
        }
        return this;
    }

    public Fields username(String field, String value) {
        if (value != null && !USERNAME.matcher(value).matches()) {
            errors.putIfAbsent(field, "must be 3-100 characters: lower-case letters, digits, . _ @ -");
        }
        return this;
    }

    public Fields orgCode(String field, String value) {
        if (value != null && !ORG_CODE.matcher(value).matches()) {
            errors.putIfAbsent(field, "must be 1-50 characters: lower-case letters, digits and inner hyphens");
        }
        return this;
    }

    public Fields email(String field, String value) {
        maxLength(field, value, EmailAddress.MAX_LENGTH);
        if (value != null && !value.isEmpty() && !EmailAddress.isValid(value)) {
            errors.putIfAbsent(field, "is not an email address");
        }
        return this;
    }

    public Fields password(String field, String value) {
        if (value != null && (value.length() < PASSWORD_MIN || value.length() > PASSWORD_MAX)) {
            errors.putIfAbsent(field, "must be " + PASSWORD_MIN + "-" + PASSWORD_MAX + " characters");
        }
        return this;
    }

    public <E extends Enum<E>> Fields oneOf(String field, String value, Class<E> type) {
        if (value != null) {
            try {
                Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                errors.putIfAbsent(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }
        return this;
    }

    public Fields check(String field, boolean ok, String problem) {
        if (!ok) {
            errors.putIfAbsent(field, problem);
        }
        return this;
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw IdentityException.invalid(errors);
        }
    }
}
