package dev.watchkeeper.playbook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The service remembers matches for the playbooks in force, and a remembered match is always the one the set
 * itself gives: labels no matcher reads do not matter, every label a matcher reads does, and a reload starts over.
 */
class PlaybookServiceMatchTest {

    @TempDir
    Path dir;

    private static String book(String name, String alerts, String match) {
        return "---\nalerts: " + alerts + "\n" + (match == null ? "" : "match: " + match + "\n") + "owner: x\n---\n"
                + PlaybookParserTest.body(name);
    }

    @Test
    void aRememberedMatchIsTheSetsOwn() throws IOException {
        Files.writeString(dir.resolve("Prod.md"), book("Prod", "[\"Serving*\"]", "[env=prod]"));
        Files.writeString(dir.resolve("Any.md"), book("Any", "[\"*\"]", null));
        PlaybookService service = new PlaybookService(dir.toString(),
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

        Optional<PlaybookSet.Match> first = service.match("ServingLatencyHigh", Map.of("env", "prod", "pod", "a-1"));
        assertEquals("Prod", first.orElseThrow().playbook().name());
        // Another pod: no matcher reads it, so the match is the one remembered.
        Optional<PlaybookSet.Match> otherPod = service.match("ServingLatencyHigh", Map.of("env", "prod", "pod", "b-2"));
        assertSame(first, otherPod);
        // A label a matcher reads changes the answer, and so does its absence.
        assertEquals("Any", service.match("ServingLatencyHigh", Map.of("env", "staging")).orElseThrow().playbook().name());
        assertEquals("Any", service.match("ServingLatencyHigh", Map.of()).orElseThrow().playbook().name());
        assertEquals("Any", service.match("FeatureDrift", Map.of("env", "prod")).orElseThrow().playbook().name());
        // Every answer equals what the set itself gives.
        for (Map<String, String> labels : java.util.List.of(Map.of("env", "prod"), Map.of("env", "dev", "pod", "x"))) {
            assertEquals(service.current().match("ServingLatencyHigh", labels),
                    service.match("ServingLatencyHigh", labels));
        }

        // A reload starts over: the changed playbook answers at once.
        Files.writeString(dir.resolve("Prod.md"), book("Prod", "[\"Serving*\"]", "[env=staging]"));
        service.reload();
        Optional<PlaybookSet.Match> afterReload = service.match("ServingLatencyHigh", Map.of("env", "prod", "pod", "a-1"));
        assertNotSame(first, afterReload);
        assertEquals("Any", afterReload.orElseThrow().playbook().name());
        assertEquals("Prod", service.match("ServingLatencyHigh", Map.of("env", "staging")).orElseThrow()
                .playbook().name());
    }
    private static dev.watchkeeper.db.ingest.AlertRow stored(String labelsJson, String service, String severity) {
        return new dev.watchkeeper.db.ingest.AlertRow(1, "fp", "DiskFull", "alertmanager", null, 1, severity, service,
                null, labelsJson, null, null, "firing", 1, null, null, null, null);
    }

    @Test
    void aStoredAlertsLabelsAreItsJsonPlusNameServiceAndSeverityEachTime() {
        Map<String, String> first = PlaybookService.labelsOf(stored("{\"env\":\"prod\",\"pod\":\"a\"}", "disk", null));
        assertEquals(Map.of("env", "prod", "pod", "a", "alertname", "DiskFull", "service", "disk"), first);
        // Remembered: the same answer, which nobody can change under the next caller.
        assertSame(first, PlaybookService.labelsOf(stored("{\"env\":\"prod\",\"pod\":\"a\"}", "disk", null)));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> first.put("env", "dev"));
        // Any part of the stored alert that differs gives its own labels; a label the JSON sets wins.
        assertEquals(Map.of("env", "dev", "pod", "a", "alertname", "DiskFull", "service", "disk"),
                PlaybookService.labelsOf(stored("{\"env\":\"dev\",\"pod\":\"a\"}", "disk", null)));
        assertEquals(Map.of("env", "prod", "pod", "a", "alertname", "DiskFull", "service", "db", "severity", "critical"),
                PlaybookService.labelsOf(stored("{\"env\":\"prod\",\"pod\":\"a\"}", "db", "critical")));
        assertEquals(Map.of("service", "from-labels", "alertname", "DiskFull", "severity", "info"),
                PlaybookService.labelsOf(stored("{\"service\":\"from-labels\"}", "db", "info")));
        assertEquals(Map.of("alertname", "DiskFull"), PlaybookService.labelsOf(stored(null, null, null)));
    }

    @Test
    void theLabelsOfEveryAlertOfManyGrowingItemsStayRemembered() {
        // Each scoring reads an item's 100 most recent alerts: 140 items growing at once read 14,000 alerts again
        // and again. All of them are remembered (a pass first, in case other tests filled the memo).
        int alerts = 140 * 100;
        List<Map<String, String>> seen = new java.util.ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            seen.clear();
            for (int i = 0; i < alerts; i++) {
                seen.add(PlaybookService.labelsOf(stored("{\"pod\":\"p" + i + "\"}", "svc" + (i % 10), "warning")));
            }
        }
        for (int i = 0; i < alerts; i++) {
            assertSame(seen.get(i), PlaybookService.labelsOf(stored("{\"pod\":\"p" + i + "\"}", "svc" + (i % 10), "warning")),
                    "alert " + i);
        }
    }
}
