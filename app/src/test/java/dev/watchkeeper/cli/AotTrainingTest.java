package dev.watchkeeper.cli;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.DatabaseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up cache's training runs really do what they are meant to: a command that failed would leave its
 * classes out of the cache, silently.
 */
class AotTrainingTest {

    @TempDir
    Path dir;

    @Test
    void everyTrainingCommandSucceeds() {
        Map<String, Object> scratch = Map.of("watchkeeper.db.url", "jdbc:sqlite:" + dir.resolve("commands.db"),
                "watchkeeper.playbooks.watch", false);
        for (String[] args : AotTrainingCommand.COMMANDS) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = WatchkeeperCommand.execute(scratch, new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                    args);
            assertEquals(0, code, String.join(" ", args) + " failed: " + err);
        }
    }

    @Test
    void theTrainingServerTakesEveryAlertOfItsStorm() {
        String url = "jdbc:sqlite:" + dir.resolve("aot.db");
        AotTrainingCommand.ingestion(Map.of("watchkeeper.db.url", url, "watchkeeper.playbooks.watch", false));
        try (Database db = Database.open(DatabaseOptions.of(url))) {
            int alerts = db.read(d -> d.fetchCount(ALERT));
            // 300 batches of 50 distinct Alertmanager alerts, and 20 Events v2 dedup keys
            assertEquals(AotTrainingCommand.TRAINING_REQUESTS * 50 + 20, alerts);
            int items = db.read(d -> d.fetchCount(TRIAGE_ITEM));
            assertTrue(items >= 140, "grouped by alert name and service: " + items);
        }
    }
}
