package io.rollcall.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Platform operations on organizations that no tenant can perform: the first organization of a fresh
 * installation (the local runtime calls {@link #bootstrapIfEmpty} at start with ROLLCALL_BOOTSTRAP_ORG / _ADMIN /
 * _PASSWORD) and further organizations with their first ADMIN (`infra/bin/platform create-org`).
 */
@Service
public class IdentityBootstrap {

    /** Any constant: serializes concurrent bootstraps (two processes starting at once create one organization). */
    private static final long LOCK_KEY = 0x526f6c6c43616c6cL;

    private final OrganizationRepository organizations;
    private final OrganizationService organizationService;
    private final UserService users;
    private final PasswordHasher hasher;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public IdentityBootstrap(OrganizationRepository organizations, OrganizationService organizationService,
                             UserService users, PasswordHasher hasher, JdbcClient jdbc, TransactionTemplate transactions) {
        this.organizations = organizations;
        this.organizationService = organizationService;
        this.users = users;
        this.hasher = hasher;
        this.jdbc = jdbc;
        this.tx = transactions;
    }

    /**
     * Creates the organization ({@code orgCode}, named {@code orgName}, or its code when blank) and its ADMIN
     * when the organizations table is empty; returns whether it did. Safe to call at every start. Invalid values
     * throw {@link IdentityException} (kind INVALID) and create nothing.
     */
    public boolean bootstrapIfEmpty(String orgCode, String orgName, String adminUsername, String adminPassword) {
        PreparedAdmin admin = prepare(orgCode, adminUsername, adminPassword);
        Boolean created = tx.execute(s -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK_KEY).query((rs, row) -> 1).single();
            if (!organizations.isEmpty()) {
                return false;
            }
            insert(orgCode, orgName, null, admin);
            return true;
        });
        return Boolean.TRUE.equals(created);
    }

    /** A new organization and its first ADMIN, together or not at all; a taken code or username is a CONFLICT. */
    public Organization createOrganization(String code, String name, String legalName, String adminUsername,
                                           String adminPassword) {
        PreparedAdmin admin = prepare(code, adminUsername, adminPassword);
        return tx.execute(s -> insert(code, name, legalName, admin));
    }

    private record PreparedAdmin(String username, String passwordHash) {
    }

    /** Validates before the slow hash, and hashes before the transaction: no connection is held meanwhile. */
    private PreparedAdmin prepare(String code, String adminUsername, String adminPassword) {
        String username = Fields.normalizeUsername(adminUsername);
        new Fields().required("code", code).orgCode("code", code)
                .required("adminUsername", username).username("adminUsername", username)
                .required("adminPassword", adminPassword).password("adminPassword", adminPassword)
                .throwIfInvalid();
        return new PreparedAdmin(username, hasher.hash(adminPassword));
    }

    private Organization insert(String code, String name, String legalName, PreparedAdmin admin) {
        Organization org = organizationService.create(code, name == null || name.isBlank() ? code : name, legalName);
        users.insertAdmin(org.id(), admin.username(), admin.passwordHash());
        return org;
    }
}
