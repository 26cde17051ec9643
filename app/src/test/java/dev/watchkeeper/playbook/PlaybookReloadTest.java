package dev.watchkeeper.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reload through the API, the CLI (another process calling the server) and the file watcher. */
class PlaybookReloadTest {

    @TempDir
    Path dir;

    private static String book(String name, String alert) {
        return "---\nalerts: [" + alert + "]\nowner: team\n---\n" + PlaybookParserTest.body(name);
    }

    @Test
    void reloadPicksUpChangesAndABrokenFileKeepsItsLastGoodVersion() throws IOException {
        Path books = Files.createDirectory(dir.resolve("books"));
        Files.writeString(books.resolve("Serving.md"), book("Serving", "ServingErrorRateHigh"));
        try (TestApp app = TestApp.start(dir, Map.of("watchkeeper.playbooks.dir", books.toString()))) {
            assertEquals(1, app.http().get("/api/playbooks").json().get("playbooks").size());

            Files.writeString(books.resolve("Drift.md"), book("Drift", "FeatureDrift"));
            JsonNode r = app.http().postJson("/api/playbooks/reload", "").json();
            assertEquals(2, r.get("loaded").asInt());
            assertEquals(0, r.get("problems").size());
            assertEquals("Drift", match(app, "FeatureDrift"));

            // A typo in a file that loaded before: reported with its line, and its last good version stays.
            Files.writeString(books.resolve("Drift.md"), book("Drift", "FeatureDrift").replace("owner: team", "owner: team\nsevrity: info"));
            r = app.http().postJson("/api/playbooks/reload", "").json();
            assertEquals(List.of(books.resolve("Drift.md") + ":4: unknown key 'sevrity' (expected one of alerts, match, owner, "
                    + "severity, group_by, known_noise, guardrails, slo, links)"), strings(r.get("problems")));
            assertEquals(List.of("Drift"), strings(r.get("keptPrevious")));
            assertEquals(2, r.get("loaded").asInt());
            assertEquals("Drift", match(app, "FeatureDrift"));
            assertEquals(200, app.http().get("/api/playbooks/Drift").status());

            // A new broken file does not unload the others.
            Files.writeString(books.resolve("Broken.md"), "no front matter");
            Files.delete(books.resolve("Drift.md"));
            Cli.Result cli = Cli.run(dir.resolve("cli.db"), "playbooks", "reload", "--url", app.url(),
                    "--token", app.tokenFor(dev.watchkeeper.testing.TestHttp.DEFAULT_PERSON));
            assertEquals(1, cli.exitCode(), "problems make the reload exit non-zero");
            assertEquals(List.of("reloaded 1 playbook from " + books + " on " + app.url().replaceAll("/+$", ""),
                    books.resolve("Broken.md") + ":1: must start with '---' and YAML front matter (alerts, owner, ...)"),
                    cli.out().lines().toList());
            assertEquals("Serving", match(app, "ServingErrorRateHigh"));
            assertEquals("none", match(app, "FeatureDrift"), "a deleted playbook is gone");

            // Slack's /triage reload calls the service directly.
            Files.delete(books.resolve("Broken.md"));
            PlaybookService.ReloadReport report = app.bean(PlaybookService.class).reload();
            assertEquals(1, report.loaded());
            assertEquals(List.of(), report.problems());
        }
    }

    @Test
    void reloadWithoutAServerSaysWhereItLooked() {
        Cli.Result r = Cli.run(dir.resolve("cli.db"), "playbooks", "reload", "--url", "http://127.0.0.1:9",
                "--token", "wk_any");
        assertEquals(1, r.exitCode());
        assertEquals("error: no Watchkeeper server answered at http://127.0.0.1:9 (is it running? give --url or set WATCHKEEPER_BASE_URL)",
                r.err().strip());
    }

    @Test
    void theWatcherReloadsWhenAFileChanges() throws Exception {
        PlaybookService service = new PlaybookService(dir.toString(), Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC));
        assertEquals(0, service.current().playbooks().size());
        PlaybookWatcher watcher = new PlaybookWatcher(service);
        watcher.start();
        try {
            Files.writeString(dir.resolve("Drift.md"), book("Drift", "FeatureDrift"));
            assertTrue(waitFor(() -> service.current().playbooks().size() == 1), "a new file is picked up");
            Files.writeString(dir.resolve("Drift.md"), book("Drift", "FeatureDrift").replace("[FeatureDrift]", "[FeatureDrift, DataDrift]"));
            assertTrue(waitFor(() -> service.match("DataDrift", Map.of()).isPresent()), "an edited file is picked up");
        } finally {
            watcher.stop();
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String match(TestApp app, String alertname) {
        JsonNode r = app.http().postJson("/api/playbooks/match", "{\"alertname\": \"" + alertname + "\"}").json();
        return r.get("playbook").isNull() ? "none" : r.get("playbook").asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
