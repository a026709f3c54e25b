package io.rollcall.local;

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
        // identity's bootstrap service is wired in once the identity feature lands
        log.warn("bootstrap requested but identity management is not available yet");
    }
}
