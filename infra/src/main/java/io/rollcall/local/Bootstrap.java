package io.rollcall.local;

import io.rollcall.identity.IdentityBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/** On an empty database, the first organization and its ADMIN, from ROLLCALL_BOOTSTRAP_ORG / _ADMIN / _PASSWORD. */
final class Bootstrap {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final ApplicationContext context;
    private final LocalSettings settings;

    Bootstrap(ApplicationContext context, LocalSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    void run() {
        if (settings.bootstrapOrg() == null || settings.bootstrapAdmin() == null || settings.bootstrapPassword() == null) {
            log.info("no bootstrap: set ROLLCALL_BOOTSTRAP_ORG, ROLLCALL_BOOTSTRAP_ADMIN and ROLLCALL_BOOTSTRAP_PASSWORD "
                    + "to create the first organization and its ADMIN on an empty database");
            return;
        }
        boolean created = context.getBean(IdentityBootstrap.class)
                .bootstrapIfEmpty(settings.bootstrapOrg(), settings.bootstrapOrg(), settings.bootstrapAdmin(), settings.bootstrapPassword());
        if (!created) {
            log.info("bootstrap skipped: the database already has an organization");
        } else if (settings.showBootstrapPassword()) {
            // infra/bin/run generated this password: it is shown once, here, and nowhere else
            log.warn("created organization '{}' and its ADMIN '{}' with password {}", settings.bootstrapOrg(),
                    settings.bootstrapAdmin(), settings.bootstrapPassword());
        } else {
            log.info("created organization '{}' and its ADMIN '{}'", settings.bootstrapOrg(), settings.bootstrapAdmin());
        }
    }
}
