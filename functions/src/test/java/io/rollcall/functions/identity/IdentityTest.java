package io.rollcall.functions.identity;

import io.rollcall.functions.FunctionTest;
import io.rollcall.identity.IdentityBootstrap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Before each test, a fresh organization made by the platform operation, its ADMIN logged in ({@link Tenant}). */
abstract class IdentityTest extends FunctionTest {

    @Autowired IdentityApiFunction api;
    @Autowired IdentityBootstrap platform;

    Tenant tenant;

    @BeforeEach
    void freshTenant() {
        tenant = Tenant.create(platform, api);
    }
}
