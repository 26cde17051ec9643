package dev.watchkeeper.triage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.RecordedEvents;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
