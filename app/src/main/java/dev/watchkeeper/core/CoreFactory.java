package dev.watchkeeper.core;

import dev.watchkeeper.db.ingest.AlertStore;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.DatabaseOptions;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TriageStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock, the database and the core stores. */
@Factory
public class CoreFactory {

    /** Domain code takes time from here, never from {@code Instant.now()}; tests replace it. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Bean(preDestroy = "close")
    Database database(DbConfig config, Environment environment) {
        Database db = Database.lazy(new DatabaseOptions(config.url(), config.username(), config.password(),
                config.poolSize(), 10_000, config.synchronous()));
        // A command opens a current schema without Flyway's scan of the jar; the server always validates it.
        return environment.getActiveNames().contains(Environments.SERVER) ? db : db.quickOpen();
    }

    @Singleton
    AlertStore alertStore() {
        return new AlertStore();
    }

    @Singleton
    TriageStore triageStore() {
        return new TriageStore();
    }

    @Singleton
    PersonStore personStore() {
        return new PersonStore();
    }
}
