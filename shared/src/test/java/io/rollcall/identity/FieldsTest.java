package io.rollcall.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Field validation: every problem at once, the first one per field, named by the field. */
class FieldsTest {

    enum Colour { RED, GREEN }

    @Test
    void everyInvalidFieldIsReportedInOneExceptionWithTheFirstProblemOfEach() {
        IdentityException e = catchThrowableOfType(IdentityException.class, () -> new Fields()
                .required("username", "  ")
                .username("username", "  ")
                .password("password", "short")
                .oneOf("role", "PURPLE", Colour.class)
                .throwIfInvalid());

        assertThat(e.kind()).isEqualTo(IdentityException.Kind.INVALID);
        assertThat(e.fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "username", "is required",
                "password", "must be 8-128 characters",
                "role", "must be one of [RED, GREEN]"));
    }

    @Test
    void validValuesAndAbsentOptionalOnesPass() {
        assertThatCode(() -> new Fields()
                .required("username", "ada.l")
                .username("username", "ada.l")
                .orgCode("code", "acme-east")
                .password("password", "12345678")
                .maxLength("fullName", "Ada", 3)
                .oneOf("role", "RED", Colour.class)
                .username("other", null).orgCode("other", null).password("other", null).oneOf("other", null, Colour.class)
                .throwIfInvalid()).doesNotThrowAnyException();
    }

    @Test
    void usernamesAreThreeToAHundredOfLowerCaseLettersDigitsAndAFewMarks() {
        assertThat(Fields.USERNAME.matcher("ab").matches()).isFalse();
        assertThat(Fields.USERNAME.matcher("abc").matches()).isTrue();
        assertThat(Fields.USERNAME.matcher("a".repeat(100)).matches()).isTrue();
        assertThat(Fields.USERNAME.matcher("a".repeat(101)).matches()).isFalse();
        assertThat(Fields.USERNAME.matcher("ada.l_o-v@x").matches()).isTrue();
        assertThat(Fields.USERNAME.matcher("Ada").matches()).isFalse();
        assertThat(Fields.USERNAME.matcher(".ada").matches()).as("starts with a letter or digit").isFalse();
        assertThat(Fields.USERNAME.matcher("ada lovelace").matches()).isFalse();
    }

    @Test
    void aUsernameIsComparedTrimmedAndInLowerCase() {
        assertThat(Fields.normalizeUsername("  Ada.L ")).isEqualTo("ada.l");
        assertThat(Fields.normalizeUsername(null)).isNull();
    }

    @Test
    void organizationCodesAreUrlSafeWithHyphensOnlyInside() {
        assertThat(Fields.ORG_CODE.matcher("a").matches()).isTrue();
        assertThat(Fields.ORG_CODE.matcher("acme-east-2").matches()).isTrue();
        assertThat(Fields.ORG_CODE.matcher("-acme").matches()).isFalse();
        assertThat(Fields.ORG_CODE.matcher("acme-").matches()).isFalse();
        assertThat(Fields.ORG_CODE.matcher("Acme").matches()).isFalse();
        assertThat(Fields.ORG_CODE.matcher("a".repeat(50)).matches()).isTrue();
        assertThat(Fields.ORG_CODE.matcher("a".repeat(51)).matches()).isFalse();
    }

    @Test
    void passwordsAreEightToAHundredAndTwentyEightCharacters() {
        assertThat(problem(f -> f.password("p", "a".repeat(7)))).isEqualTo("must be 8-128 characters");
        assertThat(problem(f -> f.password("p", "a".repeat(8)))).isNull();
        assertThat(problem(f -> f.password("p", "a".repeat(128)))).isNull();
        assertThat(problem(f -> f.password("p", "a".repeat(129)))).isEqualTo("must be 8-128 characters");
    }

    @Test
    void lengthsAndCustomChecksNameTheirLimit() {
        assertThat(problem(f -> f.maxLength("name", "abcd", 3))).isEqualTo("must be at most 3 characters");
        assertThat(problem(f -> f.check("to", false, "must not be before from"))).isEqualTo("must not be before from");
        assertThat(problem(f -> f.check("to", true, "must not be before from"))).isNull();
    }

    private static String problem(java.util.function.Consumer<Fields> rule) {
        Fields fields = new Fields();
        rule.accept(fields);
        IdentityException e = catchThrowableOfType(IdentityException.class, fields::throwIfInvalid);
        return e == null ? null : e.fields().values().iterator().next();
    }
}
