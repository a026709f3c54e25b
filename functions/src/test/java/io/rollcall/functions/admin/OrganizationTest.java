package io.rollcall.functions.admin;

import java.util.UUID;

import io.rollcall.functions.FunctionTest;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.Caller;
import io.rollcall.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Before each test, a fresh organization with an ADMIN and an OPERATOR, made with SQL ({@link TestFixtures}). */
public abstract class OrganizationTest extends FunctionTest {

    @Autowired protected JdbcTemplate jdbc;
    @Autowired protected AccessTokens tokens;

    protected TestFixtures fixtures;
    protected UUID org;
    protected Caller admin;
    protected Caller operator;

    @BeforeEach
    void freshOrganization() {
        fixtures = new TestFixtures(jdbc, tokens);
        org = fixtures.organization();
        admin = fixtures.user(org, Role.ADMIN);
        operator = fixtures.user(org, Role.OPERATOR);
    }
}
