package dev.watchkeeper.cli;

import dev.watchkeeper.db.Database;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code watchkeeper migrate}: create or upgrade the database schema, then exit. */
@Command(name = "migrate", description = "Create or upgrade the database schema and exit.",
        mixinStandardHelpOptions = true)
public class MigrateCommand implements Runnable {

    @Inject
    Database db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().printf("Database %s: schema version %s (%d migration%s applied now)%n",
                db.url(), db.schemaVersion(), db.migrationsAppliedAtOpen(),
                db.migrationsAppliedAtOpen() == 1 ? "" : "s");
    }
}
