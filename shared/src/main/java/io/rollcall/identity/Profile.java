package io.rollcall.identity;

/** The descriptive part of a user (user_profiles): ADMIN and OPERATOR edit it, the user reads their own. */
public record Profile(String fullName, String employeeCode, String department) {

    public static final Profile EMPTY = new Profile(null, null, null);

    void validate(Fields fields) {
        fields.maxLength("fullName", fullName, 255)
                .maxLength("employeeCode", employeeCode, 100)
                .maxLength("department", department, 100);
    }

    Profile trimmed() {
        return new Profile(blankToNull(fullName), blankToNull(employeeCode), blankToNull(department));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
