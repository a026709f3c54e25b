package io.rollcall.identity;

/** What an ADMIN gives to create a user; the profile fields are optional. */
public record NewUser(String username, String password, String role, String email,
                      String fullName, String employeeCode, String department) {

    Profile profile() {
        return new Profile(fullName, employeeCode, department).trimmed();
    }
}
