package dev.watchkeeper.cluster;

import dev.watchkeeper.cli.WatchkeeperCommand;
import dev.watchkeeper.db.testing.TestDatabases;
import dev.watchkeeper.slack.SlackOutbox;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Several servers on one database: on PostgreSQL each scheduled job runs on one of them and each outbox message
 * is posted once; on SQLite a second server on the same file is refused.
 */
class SeveralInstancesTest {

    static final String SECRET = "several-instances-secret";

    @TempDir
    Path dir;

    @Test
    void twoServersOnOnePostgresRunEachJobOnceAndPostEachMessageOnce() throws Exception {
        String url = TestDatabases.cluster().newDatabase();
        try (FakeSlack fake = FakeSlack.start()) {
            Map<String, Object> props = new HashMap<>(fake.appProperties(SECRET));
            props.put("watchkeeper.db.url", url);
            props.put("watchkeeper.rotation.check-every", "100ms");
            props.put("watchkeeper.rotation.first-check-after", "0s");
            TestApp a = TestApp.startServer(dir.resolve("a"), props);
            TestApp b = TestApp.startServer(dir.resolve("b"), props);
            try {
                int messages = 40;
                for (int i = 0; i < messages; i++) {
                    // Enqueued on both instances: each wakes its own sender at once, and both poll every second.
                    (i % 2 == 0 ? a : b).bean(SlackOutbox.class).postMessage("C_TEAM", "message " + i, null);
                }
                waitFor(Duration.ofSeconds(60), () -> posted(fake).size() >= messages);
                Thread.sleep(2_500); // a second sender, if there were one, would post duplicates by now
                List<String> texts = posted(fake);
                assertEquals(messages, texts.size(), "each message posted once: " + texts);
                assertEquals(messages, Set.copyOf(texts).size());
                assertEquals(0, a.bean(SlackOutbox.class).counts().get("pending"));

                waitFor(Duration.ofSeconds(20), () -> runs(a, b, "rotation-checks") >= 5);
                assertOneInstanceRan(a, b, "rotation-checks");
                assertOneInstanceRan(a, b, "slack-outbox");

                // The instance running the checks stops (its leases are released); the other takes them over.
                boolean aHeld = a.bean(JobLock.class).runs("rotation-checks") > 0;
                TestApp stopped = aHeld ? a : b;
                TestApp survivor = aHeld ? b : a;
                stopped.close();
                waitFor(Duration.ofSeconds(20), () -> survivor.bean(JobLock.class).runs("rotation-checks") > 0);
                survivor.bean(SlackOutbox.class).postMessage("C_TEAM", "after failover", null);
                waitFor(Duration.ofSeconds(30), () -> posted(fake).contains("after failover"));
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static List<String> posted(FakeSlack fake) {
        return fake.calls("chat.postMessage").stream()
                .map(c -> c.param("text"))
                .filter(t -> t != null && (t.startsWith("message ") || t.equals("after failover")))
                .collect(Collectors.toList());
    }

    private static int runs(TestApp a, TestApp b, String job) {
        return a.bean(JobLock.class).runs(job) + b.bean(JobLock.class).runs(job);
    }

    private static void assertOneInstanceRan(TestApp a, TestApp b, String job) {
        int ranOnA = a.bean(JobLock.class).runs(job);
        int ranOnB = b.bean(JobLock.class).runs(job);
        assertTrue((ranOnA > 0) != (ranOnB > 0), job + " ran on exactly one instance: a " + ranOnA + ", b " + ranOnB);
    }

    private static void waitFor(Duration timeout, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aSecondServerOnTheSameSqliteFileIsRefusedAndTheCliStillWorks() {
        String url = "jdbc:sqlite:" + dir.resolve("shared.db");
        Map<String, Object> props = Map.of("watchkeeper.db.url", url);
        try (TestApp first = TestApp.startServer(dir.resolve("first"), props)) {
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> TestApp.startServer(dir.resolve("second"), props).close());
            String message = rootMessage(refused);
            assertTrue(message.contains("another Watchkeeper server already runs on the SQLite database"), message);
            assertTrue(message.contains(dir.resolve("shared.db").toString()), message);
            assertTrue(message.contains("PostgreSQL"), message);

            // `watchkeeper serve` says the same in one line and exits non-zero. Its context reads configuration
            // from the environment and system properties only, hence the system property.
            System.setProperty("watchkeeper.db.url", url);
            try {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> WatchkeeperCommand.execute(Map.of(),
                        new PrintWriter(out), new PrintWriter(err), "serve", "--port=-1"));
                assertEquals(1, code);
                assertTrue(err.toString().startsWith("error: another Watchkeeper server already runs"), err.toString());
            } finally {
                System.clearProperty("watchkeeper.db.url");
            }

            // CLI commands may run beside the server.
            StringWriter qout = new StringWriter();
            int queue = WatchkeeperCommand.execute(Map.of("watchkeeper.db.url", url), new PrintWriter(qout),
                    new PrintWriter(new StringWriter()), "queue");
            assertEquals(0, queue, qout.toString());
            assertTrue(first.http().get("/health").status() < 500);
        }
        // Once the first server stopped, the file is free again.
        try (TestApp again = TestApp.startServer(dir.resolve("third"), props)) {
            assertEquals(200, again.http().get("/metrics").status());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
