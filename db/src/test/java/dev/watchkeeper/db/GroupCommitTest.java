package dev.watchkeeper.db;

import dev.watchkeeper.db.ingest.IngestStore;

import dev.watchkeeper.db.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.watchkeeper.db.jooq.Tables.ALERT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit: concurrent writes share transactions, and a failing request rolls back alone. */
class GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void concurrentWritesAllCommitAndAFailingOneRollsBackAlone() throws Exception {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("gc.db")))) {
            IngestStore store = new IngestStore();
            int threads = 16;
            int perThread = 50;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    int failures = 0;
                    for (int i = 0; i < perThread; i++) {
                        boolean bad = i % 10 == 0;
                        String payload = thread + "/" + i;
                        try {
                            db.writeGrouped(tx -> {
                                store.appendEvent(tx, "test", null, Instant.EPOCH, payload);
                                if (bad) {
                                    throw new IllegalArgumentException("bad request " + payload);
                                }
                                return null;
                            });
                        } catch (IllegalArgumentException e) {
                            assertTrue(e.getMessage().startsWith("bad request"));
                            failures++;
                        }
                    }
                    return failures;
                }));
            }
            go.countDown();
            int failures = 0;
            for (Future<Integer> f : results) {
                failures += f.get();
            }
            pool.shutdown();
            assertEquals(threads * perThread / 10, failures);
            int stored = db.read().fetchCount(ALERT_EVENT);
            assertEquals(threads * perThread - failures, stored, "only the failing requests were rolled back");
            assertEquals(0, db.read().fetchCount(ALERT_EVENT, ALERT_EVENT.PAYLOAD.endsWith("/0")));
        }
    }

    @Test
    void theFutureCompletesOnlyAfterCommitAndSeesTheRow() throws Exception {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("gc2.db")))) {
            IngestStore store = new IngestStore();
            CompletableFuture<Integer> f = db.submitGrouped(tx -> store.appendEvent(tx, "test", null, Instant.EPOCH, "{}"));
            int id = f.get();
            // A separate connection sees it: the transaction was committed before the future completed.
            assertEquals(1, db.read().fetchCount(ALERT_EVENT, ALERT_EVENT.ID.eq(id)));
        }
    }

    @Test
    void afterCloseGroupedWritesFail() {
        Database db = Database.open(TestDatabases.url(dir.resolve("gc3.db")));
        db.writeGrouped(tx -> 1);
        db.close();
        assertThrows(IllegalStateException.class, () -> db.writeGrouped(tx -> 1));
    }

    @Test
    void aGroupedWriteInsideWriteFailsInsteadOfDeadlocking() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("gc4.db")))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> db.write(outer -> db.writeGrouped(tx -> 1)));
            assertTrue(e.getMessage().contains("inside write()"));
        }
    }
}
