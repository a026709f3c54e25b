package io.rollcall.domain;

import java.util.regex.Pattern;

/** The one rule for an e-mail address, wherever one is accepted (a user's e-mail, a notification recipient). */
public final class EmailAddress {

    /** A dot-atom local part, then a host name whose last label is at least two letters (no one-letter TLD exists). */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    /** RFC 5321's limit on a forward path. */
    public static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && ADDRESS.matcher(value).matches();
    }
}
