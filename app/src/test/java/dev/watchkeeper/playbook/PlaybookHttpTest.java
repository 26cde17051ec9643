package dev.watchkeeper.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The playbook API and the readable page the links in alert messages open. */
class PlaybookHttpTest {

    @TempDir
    Path dir;

    private TestApp start() throws IOException {
        Path books = Files.createDirectory(dir.resolve("books"));
        Files.writeString(books.resolve("FeatureNullRateHigh.md"), PlaybookParserTest.GOOD.replace("Text.", "x")
                .replace("Predictions use defaults.", "Predictions use defaults. <script>alert(1)</script>"));
        return TestApp.start(dir, Map.of("watchkeeper.playbooks.dir", books.toString(),
                "watchkeeper.base-url", "https://wk.example.com/"));
    }

    @Test
    void pageRendersTheMarkdownWithAnchorsAndEscapesRawHtml() throws IOException {
        try (TestApp app = start()) {
            var r = app.http().get("/playbooks/FeatureNullRateHigh");
            assertEquals(200, r.status());
            assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
            String html = r.body();
            assertTrue(html.contains("<h1 id=\"featurenullratehigh\">FeatureNullRateHigh</h1>"), html);
            assertTrue(html.contains("<h2 id=\"mitigation\">Mitigation</h2>"), html);
            assertTrue(html.contains("<li>Switch to the <strong>fallback</strong> model when the null rate is above 20%.</li>"), html);
            assertTrue(html.contains("<tr><th>Owner</th><td>ranking-team</td></tr>"), html);
            assertTrue(html.contains("<tr><th>Quiet during</th><td>feature-store maintenance (Sun 02:00–04:00 Europe/Berlin); "
                    + "warehouse migration (2026-03-14T22:00:00Z–2026-03-15T06:00:00Z)</td></tr>"), html);
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "raw HTML in a playbook is shown, not run");
            assertFalse(html.contains("<script>"));

            var missing = app.http().get("/playbooks/Nope");
            assertEquals(404, missing.status());
            assertTrue(missing.body().contains("No playbook named Nope"));
            assertTrue(app.http().get("/playbooks").body().contains("<a href=\"/playbooks/FeatureNullRateHigh\">FeatureNullRateHigh</a>"));
        }
    }

    @Test
    void apiListsReadsAndMatches() throws IOException {
        try (TestApp app = start()) {
            assertEquals("Playbooks: 1 loaded from " + dir.resolve("books"), app.bean(PlaybookStatusLine.class).describe());
            JsonNode list = app.http().get("/api/playbooks").json();
            assertEquals("https://wk.example.com/playbooks/FeatureNullRateHigh", list.get("playbooks").get(0).get("url").asText());

            JsonNode one = app.http().get("/api/playbooks/FeatureNullRateHigh").json();
            assertEquals("ranking-team", one.get("owner").asText());
            assertEquals("env=prod", one.get("guardrails").get("alwaysPage").get(0).asText());
            assertEquals("Backfills.", one.get("sections").get("Known noise").asText());
            assertEquals(404, app.http().get("/api/playbooks/Nope").status());

            // An Alertmanager-style alert: the name is a label.
            JsonNode m = app.http().postJson("/api/playbooks/match", "{\"labels\": {\"alertname\": \"FeatureNullRateHigh\", "
                    + "\"service\": \"ranker\", \"env\": \"prod\"}}").json();
            assertEquals("FeatureNullRateHigh", m.get("playbook").asText());
            assertTrue(m.get("why").asText().startsWith("exact name 'FeatureNullRateHigh'; 4 matchers: service=ranker ✓"), m.get("why").asText());

            var bad = app.http().postJson("/api/playbooks/match", "{\"labels\": {\"service\": [1]}}");
            assertEquals(400, bad.status());
            assertEquals("labels.service", bad.json().get("errors").get(0).get("field").asText());
            var noName = app.http().postJson("/api/playbooks/match", "{\"labels\": {}}");
            assertEquals(400, noName.status());
            assertEquals("alertname", noName.json().get("errors").get(0).get("field").asText());
        }
    }
}
