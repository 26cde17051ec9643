package dev.watchkeeper.slack;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A streak of 429s does not grow the backoff (each waits Retry-After), and a success resets the backoff of calls
 * still waiting, so nothing is left minutes behind once Slack recovers. Fake Slack and the test clock.
 */
class SlackOutboxBackoffTest {

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackOutbox outbox;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties("backoff-secret"));
        outbox = app.bean(SlackOutbox.class);
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    int page(String alertname) {
        TestHttp.Response r = app.http().postJson("/api/alerts",
                "{\"alertname\": \"" + alertname + "\", \"severity\": \"critical\", \"service\": \"svc\"}");
        assertEquals(201, r.status(), r.body());
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    OutboxRow row(int itemId) {
        return app.bean(Database.class).read(dsl -> new OutboxStore().forItem(dsl, itemId)).getFirst();
    }

    Duration wait(int itemId) {
        return Duration.between(app.clock().instant(), row(itemId).nextAttemptAt());
    }

    @Test
    void aStreakOf429sWaitsRetryAfterEachTimeAndLeavesTheBackoffAtItsStart() {
        fake.retryAfter(3);
        fake.failNext(429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 500);
        int id = page("Streak");
        for (int i = 1; i <= 10; i++) {
            assertEquals(1, outbox.sendDue().retrying());
            assertEquals(Duration.ofSeconds(3), wait(id), "429 number " + i + " waits Retry-After, no more");
            app.clock().advance(Duration.ofSeconds(3));
        }
        // Then one 5xx: the backoff starts at 2 s (the 429s did not count), not at the 5-minute cap.
        assertEquals(1, outbox.sendDue().retrying());
        assertEquals(11, row(id).attempts());
        assertEquals(1, row(id).backoffFailures());
        assertEquals(Duration.ofSeconds(2), wait(id));
        app.clock().advance(Duration.ofSeconds(2));
        assertEquals(1, outbox.sendDue().sent(), "Slack recovered: sent 2 s later");
        assertEquals(1, fake.calls("chat.postMessage").size());
    }

    @Test
    void aSuccessResetsTheBackoffOfCallsStillWaiting() {
        fake.failNext(500, 500, 500, 500, 500);
        int a = page("Waiting");
        Instant t0 = app.clock().instant();
        for (int i = 0; i < 5; i++) {
            outbox.sendDue();
            app.clock().set(row(a).nextAttemptAt());
        }
        // Five failures in a row: the next try of A would be 32 s away, then 64 s ...
        outbox.sendDue();
        assertEquals(1, fake.calls("chat.postMessage").size(), "A went at last");
        assertEquals(0, row(a).backoffFailures(), "sent: its backoff is over");

        fake.failNext(500, 500, 500, 500, 500, 500, 500);
        int b = page("LongBackoff");
        for (int i = 0; i < 7; i++) {
            assertEquals(1, outbox.sendDue().retrying());
            if (i < 6) {
                app.clock().set(row(b).nextAttemptAt());
            }
        }
        assertEquals(Duration.ofSeconds(128), wait(b), "seven failures in a row: B waits 2^7 s");
        assertEquals(7, row(b).backoffFailures());
        // A new call goes through: Slack is back, so B goes now instead of after its backoff.
        int c = page("Recovered");
        assertEquals(1, outbox.sendDue().sent(), "C sent");
        assertEquals(0, row(b).backoffFailures());
        assertEquals(Duration.ZERO, wait(b), "B is due at once");
        assertEquals(1, outbox.sendDue().sent(), "B sent without waiting out its backoff");
        assertTrue(app.clock().instant().isAfter(t0));
        assertEquals(3, fake.calls("chat.postMessage").size(), "A, C and B, once each: " + c);
    }
}
