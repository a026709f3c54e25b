package io.rollcall.functions.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.rollcall.audit.AuditTrail;
import io.rollcall.functions.FunctionTest;
import io.rollcall.identity.AccessTokens;
import io.rollcall.identity.IdentityBootstrap;
import io.rollcall.identity.IdentityException;
import io.rollcall.identity.LoginService;
import io.rollcall.identity.LoginThrottle;
import io.rollcall.identity.OrganizationRepository;
import io.rollcall.identity.OrganizationService;
import io.rollcall.identity.PasswordHasher;
import io.rollcall.identity.UserLifecycleListener;
import io.rollcall.identity.UserRepository;
import io.rollcall.identity.UserService;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.assertj.core.api.Assertions;

/** The bootstrap on a fresh, empty database of its own, and the platform command's operations. */
class PlatformTest extends FunctionTest {

    @Autowired IdentityBootstrap platform;
    @Autowired OrganizationService organizations;
    @Autowired IdentityApiFunction api;
    @Autowired PasswordHasher hasher;
    @Autowired AccessTokens tokens;
    @Autowired AuditTrail audit;

    @Test
    void theBootstrapCreatesTheFirstOrganizationAndAnAdminWhoCanLogInOnlyOnce() throws Exception {
        DataSource empty = freshDatabase();
        JdbcClient jdbc = JdbcClient.create(empty);
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(empty));
        OrganizationRepository orgs = new OrganizationRepository(jdbc);
        OrganizationService orgService = new OrganizationService(orgs, audit, transactions);
        UserRepository userRepository = new UserRepository(jdbc);
        UserService users = new UserService(userRepository, hasher, audit,
                new DefaultListableBeanFactory().getBeanProvider(UserLifecycleListener.class), transactions);
        IdentityBootstrap bootstrap = new IdentityBootstrap(orgs, orgService, users, hasher, jdbc, transactions);
        LoginService login = new LoginService(userRepository, hasher, new LoginThrottle(jdbc, 5, 900), tokens, audit);

        Assertions.assertThatThrownBy(() -> bootstrap.bootstrapIfEmpty("Not Url Safe!", "x", "root", "short"))
                .isInstanceOf(IdentityException.class);
        assertThat(orgs.isEmpty()).as("invalid values create nothing").isTrue();

        assertThat(bootstrap.bootstrapIfEmpty("acme", "Acme", "Root", "bootstrap secret")).isTrue();
        assertThat(bootstrap.bootstrapIfEmpty("other", "Other", "root2", "bootstrap secret")).as("not empty any more").isFalse();

        assertThat(orgs.all()).extracting(o -> o.code() + "/" + o.name() + "/" + o.legalName() + "/" + o.active())
                .containsExactly("acme/Acme/Acme/true");
        var token = login.login("root", "bootstrap secret", null, "test");
        assertThat(tokens.verify(token.accessToken()).orElseThrow().role()).isEqualTo(io.rollcall.identity.Role.ADMIN);
    }

    @Test
    void thePlatformCommandCreatesListsDeactivatesAndReactivatesOrganizations() {
        String code = "plat-" + UUID.randomUUID().toString().substring(0, 8);
        PlatformCli cli = new PlatformCli(platform, organizations, Map.of());

        assertThat(run(cli, "admin secret\n", "create-org", code, "Platform Org", "Boss-" + code)).startsWith("0 created organization " + code);
        assertThat(run(cli, "admin secret\n", "create-org", code, "Again", "boss2-" + code)).startsWith("1 refused: an organization with code");
        assertThat(run(cli, "admin secret\n", "create-org", "Bad Code", "x", "boss3-" + code)).startsWith("1 refused").contains("code=");
        assertThat(run(cli, "", "list-orgs")).contains(code + "\tactive");
        Tenant.login(api, "boss-" + code, "admin secret");

        assertThat(run(cli, "", "deactivate-org", code)).isEqualTo("0 " + code + " is inactive\n");
        assertThat(Http.call(api, "POST /auth/login", "/auth/login", null,
                "{\"username\":\"boss-%s\",\"password\":\"admin secret\"}".formatted(code)).status()).isEqualTo(401);
        assertThat(run(cli, "", "activate-org", code)).isEqualTo("0 " + code + " is active\n");
        Tenant.login(api, "boss-" + code, "admin secret");

        assertThat(run(cli, "", "activate-org", "no-such-org")).startsWith("1 refused: organization not found");
        assertThat(run(cli, "", "frobnicate")).startsWith("2 usage");
    }

    @Test
    void theBootstrapCommandReadsTheEnvironmentAndDoesNothingWhenOrganizationsExist() {
        Tenant.create(platform, api);   // the shared test database is never empty
        PlatformCli cli = new PlatformCli(platform, organizations, Map.of("ROLLCALL_BOOTSTRAP_ORG", "boot",
                "ROLLCALL_BOOTSTRAP_ADMIN", "boot-admin", "ROLLCALL_BOOTSTRAP_PASSWORD", "bootstrap secret"));

        assertThat(run(cli, "", "bootstrap")).isEqualTo("0 organizations exist: nothing to do\n");
    }

    @Test
    void withThePasswordInTheEnvironmentTheCommandNeverWaitsForStandardInput() {
        String code = "envpw-" + UUID.randomUUID().toString().substring(0, 8);
        PlatformCli cli = new PlatformCli(platform, organizations, Map.of("ROLLCALL_ADMIN_PASSWORD", "env secret 1"));
        BufferedReader terminal = new BufferedReader(new StringReader("")) {
            @Override
            public String readLine() {
                throw new AssertionError("read standard input although ROLLCALL_ADMIN_PASSWORD is set");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(cli.run(new String[] {"create-org", code, "Env Org", "boss-" + code}, terminal,
                new PrintStream(out, true, StandardCharsets.UTF_8))).as(out.toString(StandardCharsets.UTF_8)).isZero();
        Tenant.login(api, "boss-" + code, "env secret 1");
    }

    private static String run(PlatformCli cli, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = cli.run(args, new BufferedReader(new StringReader(stdin)), new PrintStream(out, true, StandardCharsets.UTF_8));
        return status + " " + out.toString(StandardCharsets.UTF_8);
    }

    private static DataSource freshDatabase() throws Exception {
        String url = env.databaseUrl() + "_bootstrap";
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }
}
