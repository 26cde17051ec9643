package dev.watchkeeper.triage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.rotation.RecordingNotifier;
import dev.watchkeeper.testing.RecordedEvents;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After commit, items are scored, put in a lane with a reason, and announced. */
class AlertPipelineTest {

    @TempDir
    Path dir;

    @Test
    void criticalItemsArePagedOnceAndWarningsWaitInTheQuietLane() {
        try (TestApp app = TestApp.start(dir)) {
            int critical = app.http().postJson("/api/alerts", "{\"alertname\": \"ServingErrors\", \"severity\": \"critical\"}")
                    .json().get("alerts").get(0).get("itemId").asInt();
            int warning = app.http().postJson("/api/alerts", "{\"alertname\": \"LabelDelay\", \"severity\": \"warning\"}")
                    .json().get("alerts").get(0).get("itemId").asInt();
            app.bean(AlertPipeline.class).drain();

            JsonNode c = app.http().get("/api/items/" + critical).json().get("item");
            assertEquals("paged", c.get("lane").asText());
            assertEquals("severity critical ≥ error; no live model yet", c.get("laneReason").asText());
            JsonNode w = app.http().get("/api/items/" + warning).json().get("item");
            assertEquals("quiet", w.get("lane").asText());

            RecordedEvents events = app.bean(RecordedEvents.class);
            assertEquals(List.of(ItemEvent.Kind.CREATED, ItemEvent.Kind.UPDATED, ItemEvent.Kind.PAGED), events.kindsFor(critical));
            assertFalse(events.kindsFor(warning).contains(ItemEvent.Kind.PAGED));

            // A re-fire of the paged item does not page again.
            app.http().postJson("/api/alerts", "{\"alertname\": \"ServingErrors\", \"severity\": \"critical\", \"status\": \"resolved\"}");
            app.http().postJson("/api/alerts", "{\"alertname\": \"ServingErrors\", \"severity\": \"critical\", \"startsAt\": \"2026-03-02T09:30:00Z\"}");
            app.bean(AlertPipeline.class).drain();
            assertEquals(1, events.kindsFor(critical).stream().filter(k -> k == ItemEvent.Kind.PAGED).count());
            assertEquals(true, events.kindsFor(critical).contains(ItemEvent.Kind.REFIRED));
        }
    }

    @Test
    void anItemWhoseAlertsOnlyGrowIsScoredAtMostOncePerIntervalAndStillSeesTheLastAlert() {
        try (TestApp app = TestApp.start(dir)) {
            int item = app.http().postJson("/api/alerts", "{\"alertname\": \"QueueBacklog\", \"severity\": \"warning\","
                    + " \"labels\": {\"instance\": \"i0\"}}").json().get("alerts").get(0).get("itemId").asInt();
            app.bean(AlertPipeline.class).drain();
            long start = System.nanoTime();
            for (int i = 1; i <= 30; i++) {
                // A new alert of the same group each time: the item only grows.
                int joined = app.http().postJson("/api/alerts", "{\"alertname\": \"QueueBacklog\", \"severity\": \"warning\","
                        + " \"labels\": {\"instance\": \"i" + i + "\"}}").json().get("alerts").get(0).get("itemId").asInt();
                assertEquals(item, joined);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            app.bean(AlertPipeline.class).drain();

            RecordedEvents events = app.bean(RecordedEvents.class);
            long scorings = events.kindsFor(item).stream().filter(k -> k == ItemEvent.Kind.UPDATED).count();
            // Once at creation, at most once per second of the 30 requests, and once more for what was left at the end.
            long most = 2 + (long) Math.ceil(seconds / (AlertPipeline.RESCORE_INTERVAL_NANOS / 1e9));
            assertTrue(scorings >= 2 && scorings <= Math.min(most, 30), scorings + " scorings in " + seconds + " s");
            JsonNode after = app.http().get("/api/items/" + item).json().get("item");
            assertEquals("quiet", after.get("lane").asText());
        }
    }

    @Test
    void aFailingMessageChannelStopsNeitherTheOtherChannelsNorThePage() {
        try (TestApp app = TestApp.start(dir, Map.of("test.broken-channel", "true"))) {
            assertEquals(201, app.http().postJson("/api/rotations", "{\"name\": \"ml\", \"members\": [\"alice\"]}").status());
            int critical = app.http().postJson("/api/alerts", "{\"alertname\": \"ServingErrors\", \"severity\": \"critical\"}")
                    .json().get("alerts").get(0).get("itemId").asInt();
            app.bean(AlertPipeline.class).drain();

            assertEquals("paged", app.http().get("/api/items/" + critical).json().get("item").get("lane").asText());
            // The broken channel came first and threw; the next channel still heard every step, in order.
            assertEquals(List.of(ItemEvent.Kind.CREATED, ItemEvent.Kind.UPDATED, ItemEvent.Kind.PAGED),
                    app.bean(RecordedEvents.class).kindsFor(critical));
            // And the primary was paged after the messages.
            List<RecordingNotifier.Sent> pages = app.bean(RecordingNotifier.class).of("page");
            assertEquals(1, pages.size(), pages.toString());
            assertEquals("alice", pages.getFirst().to());
            assertEquals(Integer.valueOf(critical), pages.getFirst().itemId());
        }
    }
}
