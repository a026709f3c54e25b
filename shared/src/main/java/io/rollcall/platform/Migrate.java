package io.rollcall.platform;

import org.flywaydb.core.Flyway;

/**
 * Applies db/migration to the database in DATABASE_URL (DATABASE_USER, DATABASE_PASSWORD): the migrate step of a
 * cloud deployment (infra/bin/migrate). Functions never migrate at cold start.
 */
public final class Migrate {

    private Migrate() {
    }

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/rollcall");
        var result = Flyway.configure()
                .dataSource(url, System.getenv().getOrDefault("DATABASE_USER", "postgres"), System.getenv().getOrDefault("DATABASE_PASSWORD", ""))
                .locations("classpath:db/migration").outOfOrder(true).load().migrate();
        System.out.println("migrated " + url + " to version " + result.targetSchemaVersion + " (" + result.migrationsExecuted + " applied)");
    }
}
