package dev.watchkeeper.ranking;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demo histories with other start days or seeds have their own occurrence ids, so a second one imports whole. */
class DemoIdsTest {

    @TempDir
    Path dir;

    @Test
    void aSecondDemoHistoryImportsWhole() throws Exception {
        List<String> march = DemoHistory.generate(7, Instant.parse("2026-03-01T00:00:00Z"), 10);
        List<String> april = DemoHistory.generate(7, Instant.parse("2026-04-01T00:00:00Z"), 10);
        Set<String> ids = new HashSet<>();
        for (String l : march) {
            ids.add(Json.parse(l).get("id").asText());
        }
        assertEquals(march.size(), ids.size(), "ids unique within a history");
        for (String l : april) {
            assertTrue(ids.add(Json.parse(l).get("id").asText()), "id reused across histories: " + l);
        }
        try (TestApp app = TestApp.start(dir)) {
            Path a = dir.resolve("a.jsonl");
            Path b = dir.resolve("b.jsonl");
            Files.write(a, march);
            Files.write(b, april);
            HistoryImporter importer = app.bean(HistoryImporter.class);
            assertEquals(march.size(), importer.importFile(a, null).imported());
            assertEquals(april.size(), importer.importFile(b, null).imported());
            // The same history again is still recognised and skipped.
            HistoryImporter.Report again = importer.importFile(a, null);
            assertEquals(0, again.imported());
            assertEquals(march.size(), again.alreadyImported());
        }
    }
}
