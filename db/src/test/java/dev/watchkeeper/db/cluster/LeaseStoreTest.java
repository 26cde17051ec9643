package dev.watchkeeper.db.cluster;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.watchkeeper.db.jooq.Tables.JOB_LEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Job leases: one holder at a time, renewal, expiry and hand-over; racing instances never both win. */
class LeaseStoreTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration TTL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    final LeaseStore leases = new LeaseStore();

    @Test
    void oneHolderUntilTheLeaseExpiresOrIsReleased() {
        try (Database db = Database.open(TestDatabases.url(dir.resolve("wk.db")))) {
            assertTrue(db.<Boolean>write(tx -> leases.tryAcquire(tx, "job", "a", T0, TTL)), "nobody held it");
            assertFalse(db.<Boolean>write(tx -> leases.tryAcquire(tx, "job", "b", T0.plusSeconds(10), TTL)));
            assertTrue(db.<Boolean>write(tx -> leases.tryAcquire(tx, "job", "a", T0.plusSeconds(20), TTL)), "renewed");
            // Renewed at 20 s: still a's at 49 s, b's from 50 s.
            assertFalse(db.<Boolean>write(tx -> leases.tryAcquire(tx, "job", "b", T0.plusSeconds(49), TTL)));
            assertTrue(db.<Boolean>write(tx -> leases.tryAcquire(tx, "job", "b", T0.plusSeconds(50), TTL)));
            assertFalse(db.<Boolean>write(tx -> leases.tryAcquire(tx, "job", "a", T0.plusSeconds(51), TTL)), "a lost it");
            assertTrue(db.<Boolean>write(tx -> leases.tryAcquire(tx, "other", "a", T0.plusSeconds(51), TTL)), "leases are per job");

            assertEquals(1, (int) db.<Integer>write(tx -> leases.releaseAll(tx, "b", T0.plusSeconds(52))));
            assertTrue(db.<Boolean>write(tx -> leases.tryAcquire(tx, "job", "a", T0.plusSeconds(52), TTL)), "released: taken at once");
            var all = db.read(dsl -> dsl.selectFrom(JOB_LEASE).orderBy(JOB_LEASE.NAME).fetch());
            assertEquals(List.of("job", "other"), all.getValues(JOB_LEASE.NAME));
            assertEquals("a", all.get(0).getHolder());
            assertEquals(T0.plusSeconds(52).toEpochMilli(), (long) all.get(0).getAcquiredAt());
        }
    }

    /** Two instances (two connection pools) race 40 times for the same expired lease: exactly one wins each time. */
    @Test
    void racingInstancesNeverBothWin() throws Exception {
        String url = TestDatabases.url(dir.resolve("race.db"));
        try (Database one = Database.open(url); Database two = Database.open(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 40; round++) {
                    // Each round starts after the previous lease expired.
                    Instant at = T0.plus(TTL.multipliedBy(round + 1));
                    String job = round % 2 == 0 ? "fresh-" + round : "shared";
                    CyclicBarrier start = new CyclicBarrier(2);
                    List<Future<Boolean>> wins = new ArrayList<>();
                    for (Database db : List.of(one, two)) {
                        String holder = db == one ? "one" : "two";
                        wins.add(pool.submit(() -> {
                            start.await();
                            return db.<Boolean>write(tx -> leases.tryAcquire(tx, job, holder, at, TTL));
                        }));
                    }
                    int won = 0;
                    for (Future<Boolean> f : wins) {
                        won += f.get() ? 1 : 0;
                    }
                    assertEquals(1, won, "round " + round + " (" + job + ")");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
