package io.rollcall.functions.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.rollcall.functions.RollCallFunctions;
import io.rollcall.identity.IdentityBootstrap;
import io.rollcall.identity.IdentityException;
import io.rollcall.identity.Organization;
import io.rollcall.identity.OrganizationService;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform command (infra/bin/platform): operations above any tenant, run by whoever operates the
 * installation with the functions' own environment (DATABASE_URL, AUDIT_QUEUE_URL, ...). Passwords come from
 * the environment or standard input, never from the command line (it shows in `ps` and shell history).
 */
public final class PlatformCli {

    static final String USAGE = """
            usage: platform <command>
              bootstrap                          first organization + ADMIN if there is none
                                                 (ROLLCALL_BOOTSTRAP_ORG, ROLLCALL_BOOTSTRAP_ADMIN, ROLLCALL_BOOTSTRAP_PASSWORD,
                                                 optional ROLLCALL_BOOTSTRAP_ORG_NAME)
              create-org <code> <name> <admin>   a new organization and its first ADMIN; the password is
                                                 ROLLCALL_ADMIN_PASSWORD or the first line of standard input
              list-orgs                          every organization: code, active, id, name
              activate-org <code>                let a deactivated organization log in again
              deactivate-org <code>              nobody of it can log in or be recognized
            """;

    private final IdentityBootstrap platform;
    private final OrganizationService organizations;
    private final Map<String, String> env;

    PlatformCli(IdentityBootstrap platform, OrganizationService organizations, Map<String, String> env) {
        this.platform = platform;
        this.organizations = organizations;
        this.env = env;
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        int status;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RollCallFunctions.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run()) {
            PlatformCli cli = new PlatformCli(context.getBean(IdentityBootstrap.class), context.getBean(OrganizationService.class),
                    System.getenv());
            status = cli.run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
        }
        System.exit(status);
    }

    /** Runs one command; 0 done, 1 refused (the reason is printed), 2 usage. */
    int run(String[] args, BufferedReader stdin, PrintStream out) {
        try {
            switch (args.length == 0 ? "" : args[0]) {
                case "bootstrap" -> {
                    boolean created = platform.bootstrapIfEmpty(env.get("ROLLCALL_BOOTSTRAP_ORG"), env.get("ROLLCALL_BOOTSTRAP_ORG_NAME"),
                            env.get("ROLLCALL_BOOTSTRAP_ADMIN"), env.get("ROLLCALL_BOOTSTRAP_PASSWORD"));
                    out.println(created ? "created organization " + env.get("ROLLCALL_BOOTSTRAP_ORG") : "organizations exist: nothing to do");
                }
                case "create-org" -> {
                    if (args.length != 4) {
                        return usage(out);
                    }
                    // standard input only when the environment has no password (it may be a terminal)
                    String password = env.containsKey("ROLLCALL_ADMIN_PASSWORD") ? env.get("ROLLCALL_ADMIN_PASSWORD") : stdin.readLine();
                    Organization org = platform.createOrganization(args[1], args[2], null, args[3], password);
                    out.println("created organization " + org.code() + " " + org.id() + " with ADMIN " + args[3].toLowerCase());
                }
                case "list-orgs" -> organizations.all().forEach(o ->
                        out.println(o.code() + "\t" + (o.active() ? "active" : "inactive") + "\t" + o.id() + "\t" + o.name()));
                case "activate-org", "deactivate-org" -> {
                    if (args.length != 2) {
                        return usage(out);
                    }
                    Organization org = organizations.setActive(args[1], args[0].equals("activate-org"));
                    out.println(org.code() + " is " + (org.active() ? "active" : "inactive"));
                }
                default -> {
                    return usage(out);
                }
            }
            return 0;
        } catch (IdentityException e) {
            out.println("refused: " + e.getMessage() + (e.fields().isEmpty() ? "" : " " + e.fields()));
            return 1;
        } catch (IOException e) {
            out.println("cannot read the password from standard input: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream out) {
        out.print(USAGE);
        return 2;
    }
}
