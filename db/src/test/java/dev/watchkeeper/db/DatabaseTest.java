package dev.watchkeeper.db;

import dev.watchkeeper.db.ingest.IngestStore;
import dev.watchkeeper.db.triage.ItemRow;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.db.triage.TriageStore;

import dev.watchkeeper.db.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static dev.watchkeeper.db.jooq.Tables.TRIAGE_ITEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void newestMigrationConstantMatchesTheMigrationFiles() throws Exception {
        int newest;
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow();
        }
        assertEquals(String.valueOf(newest), Database.NEWEST_MIGRATION,
                "Database.NEWEST_MIGRATION must name the newest file in db/migration");
    }

    @Test
    void quickOpenMigratesANewFileAndSkipsFlywayOnlyWhenTheSchemaIsCurrent() throws Exception {
        Path file = dir.resolve("quick.db");
        try (Database db = Database.lazy(DatabaseOptions.of("jdbc:sqlite:" + file)).quickOpen()) {
            assertTrue(db.migrationsAppliedAtOpen() >= 1, "a new file is migrated");
        }
        try (Database db = Database.lazy(DatabaseOptions.of("jdbc:sqlite:" + file)).quickOpen()) {
            assertEquals(0, db.migrationsAppliedAtOpen());
            assertEquals(0, (int) db.read(d -> d.fetchCount(TRIAGE_ITEM)), "the schema is usable");
        }
        var ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        assertTrue(DatabaseFiles.schemaIsCurrent(ds));
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE installed_rank ="
                    + " (SELECT max(installed_rank) FROM flyway_schema_history)");
        }
        assertFalse(DatabaseFiles.schemaIsCurrent(ds), "a failed newest migration goes through Flyway");
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET success = 1, version = '1' WHERE installed_rank ="
                    + " (SELECT max(installed_rank) FROM flyway_schema_history)");
        }
        assertFalse(DatabaseFiles.schemaIsCurrent(ds), "an older schema goes through Flyway");
        assertFalse(DatabaseFiles.schemaIsCurrent(new org.sqlite.SQLiteDataSource()), "no history: Flyway creates it");
    }

    @Test
    void createsFolderAndFileAndMigratesOnFirstOpenOnly() {
        Path file = dir.resolve("nested/data/wk.db");
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            assertTrue(Files.exists(file));
            assertTrue(db.migrationsAppliedAtOpen() >= 1);
            assertTrue(Integer.parseInt(db.schemaVersion()) >= 1);
        }
        try (Database again = Database.open("jdbc:sqlite:" + file)) {
            assertEquals(0, again.migrationsAppliedAtOpen(), "a migrated file is not migrated twice");
        }
    }

    @Test
    void connectionsUseWalForeignKeysAndBusyTimeout() {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("wk.db"))) {
            assertEquals("wal", db.read().fetchValue("PRAGMA journal_mode").toString().toLowerCase());
            assertEquals("1", db.read().fetchValue("PRAGMA foreign_keys").toString());
            assertEquals("10000", db.read().fetchValue("PRAGMA busy_timeout").toString());
            // Statement journals (one per request's savepoint in a group commit) stay in memory: 2 is MEMORY.
            assertEquals("2", db.read().fetchValue("PRAGMA temp_store").toString());
            // Foreign keys are enforced: an action on an item that does not exist is refused.
            assertThrows(RuntimeException.class, () -> db.writeVoid(tx -> new TriageStore()
                    .recordAction(tx, 999, "ack", 999, "cli", Instant.EPOCH, null, null, null)));
        }
    }

    @Test
    void concurrentWritersNeverSeeBusyAndNothingIsLost() throws Exception {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            IngestStore alerts = new IngestStore();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        int n = i;
                        db.write(tx -> alerts.appendEvent(tx, "test", null, Instant.EPOCH, "{\"t\":" + thread + ",\"i\":" + n + "}"));
                        db.read().fetchCount(ALERT_EVENT);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertEquals(1600, db.read().fetchCount(ALERT_EVENT));
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            IngestStore alerts = new IngestStore();
            assertThrows(IllegalStateException.class, () -> db.write(tx -> {
                alerts.appendEvent(tx, "test", null, Instant.EPOCH, "{}");
                throw new IllegalStateException("parser failed half-way");
            }));
            assertEquals(0, db.read().fetchCount(ALERT_EVENT));
        }
    }

    @Test
    void queueOrdersByScoreThenSeverityThenAge() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            TriageStore triage = new TriageStore();
            Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
            int oldWarning = db.write(tx -> triage.insertItem(tx, "a", "old warning", "svc", "warning", false, t0));
            int newCritical = db.write(tx -> triage.insertItem(tx, "b", "new critical", "svc", "critical", false, t0.plusSeconds(60)));
            int newWarning = db.write(tx -> triage.insertItem(tx, "c", "new warning", "other", "warning", false, t0.plusSeconds(120)));
            List<Integer> order = triage.queue(db.read(), QueueFilter.active(t0, 10)).stream().map(ItemRow::id).toList();
            assertEquals(List.of(newCritical, oldWarning, newWarning), order);

            db.writeVoid(tx -> triage.setDecision(tx, newWarning, 0.9, "acted on often", "paged", null, null));
            order = triage.queue(db.read(), QueueFilter.active(t0, 10)).stream().map(ItemRow::id).toList();
            assertEquals(List.of(newWarning, newCritical, oldWarning), order);

            var byService = new QueueFilter(QueueFilter.ACTIVE, null, "other", null, null, false, t0, 10, 0);
            assertEquals(List.of(newWarning), triage.queue(db.read(), byService).stream().map(ItemRow::id).toList());
            var byText = new QueueFilter(QueueFilter.ACTIVE, null, null, null, "CRIT", false, t0, 10, 0);
            assertEquals(List.of(newCritical), triage.queue(db.read(), byText).stream().map(ItemRow::id).toList());
            assertEquals(3, db.read().fetchCount(TRIAGE_ITEM));
        }
    }

    @Test
    void rejectsUnknownUrls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Database.open("jdbc:mysql://x/y"));
        assertTrue(e.getMessage().contains("watchkeeper.db.url"));
    }
}
