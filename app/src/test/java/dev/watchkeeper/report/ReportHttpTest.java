package dev.watchkeeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Draft, download, chart, edit and publish through the real server. */
class ReportHttpTest {

    @TempDir
    Path dir;
    TestApp app;
    TestHttp http;

    @BeforeEach
    void start() {
        app = TestApp.start(dir, java.util.Map.of("test.reports.recording", "true"));
        http = app.http();
        new RecordedShift(app);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void draftDownloadEditPublish() throws Exception {
        TestHttp.Response created = http.postJson("/api/reports/shift", """
                {"by": "alice", "from": "2026-03-02T09:00:00Z", "to": "2026-03-03T09:00:00Z",
                 "rotation": "ml", "primary": "alice", "shadows": ["bob"]}""");
        assertEquals(201, created.status(), created.body());
        int id = created.json().get("id").asInt();
        assertEquals("draft", created.json().get("state").asText());

        TestHttp.Response md = http.get("/api/reports/" + id + "/report.md");
        assertEquals(200, md.status());
        assertTrue(md.header("Content-Type").startsWith("text/markdown"), md.header("Content-Type"));
        assertEquals("attachment; filename=\"watchkeeper-shift-report-" + id + ".md\"", md.header("Content-Disposition"));
        assertTrue(md.body().startsWith("# Shift report: ml, Mon 2 Mar 09:00 to Tue 3 Mar 09:00 UTC\n"), md.body());

        BufferedImage chart = png("/api/reports/" + id + "/chart.png");
        assertEquals(ReportChart.WIDTH, chart.getWidth());
        assertEquals(ReportChart.HEIGHT, chart.getHeight());

        TestHttp.Response edited = put("/api/reports/" + id + "/text",
                "{\"text\": \"# Shift report\\n\\nQuiet apart from the trainer.\", \"by\": \"alice\"}");
        assertEquals(200, edited.status(), edited.body());
        assertEquals("# Shift report\n\nQuiet apart from the trainer.\n", edited.json().get("body").asText());
        assertTrue(edited.json().get("draftedBody").asText().contains("## Major issues"), "the draft is kept");

        TestHttp.Response published = http.postJson("/api/reports/" + id + "/publish", "{\"by\": \"alice\"}");
        assertEquals(200, published.status(), published.body());
        assertEquals("published", published.json().get("state").asText());
        assertEquals("2026-03-03T10:00:00Z", published.json().get("publishedAt").asText());
        assertEquals(List.of("draft " + id + " draft", "publish " + id + " published by alice"),
                app.bean(TestReportBeans.RecordingPublisher.class).sent);

        TestHttp.Response late = put("/api/reports/" + id + "/text", "{\"text\": \"changed\", \"by\": \"bob\"}");
        assertEquals(400, late.status());
        assertEquals("state", late.json().get("errors").get(0).get("field").asText());
        assertEquals("# Shift report\n\nQuiet apart from the trainer.\n",
                http.get("/api/reports/" + id).json().get("body").asText(), "a published report does not change");
        assertEquals(400, http.postJson("/api/reports/" + id + "/publish", "{\"by\": \"bob\"}").status());

        JsonNode list = http.get("/api/reports?kind=shift&state=published").json();
        assertEquals(1, list.size());
        assertEquals(id, list.get(0).get("id").asInt());
    }

    @Test
    void withoutAWindowTheLastSevenDaysAreReported() {
        TestHttp.Response created = http.postJson("/api/reports/shift", "{\"by\": \"alice\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("2026-02-24T10:00:00Z", created.json().get("windowStart").asText());
        assertEquals("2026-03-03T10:00:00Z", created.json().get("windowEnd").asText());
        assertTrue(created.json().get("primary").isNull(), "without rotations nobody is known to be primary");
    }

    @Test
    void incidentReportOverHttpAndItsChart() throws Exception {
        int item = http.get("/api/queue?state=all&text=TrainingJobFailed").json().get("items").get(0).get("id").asInt();
        TestHttp.Response created = http.postJson("/api/reports/incident", "{\"item\": " + item + ", \"by\": \"alice\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("Incident report: #" + item + " TrainingJobFailed on trainer", created.json().get("title").asText());
        BufferedImage chart = png("/api/reports/" + created.json().get("id").asInt() + "/chart.png");
        assertEquals(ReportChart.WIDTH, chart.getWidth());
    }

    @Test
    void badRequestsNameTheField() {
        TestHttp.Response r = http.postJson("/api/reports/shift",
                "{\"by\": \"alice\", \"from\": \"2026-03-03T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\"}");
        assertEquals(400, r.status());
        assertEquals("to", r.json().get("errors").get(0).get("field").asText());

        r = http.postJson("/api/reports/shift", "{\"from\": \"yesterday\", \"shadows\": \"bob\"}");
        assertEquals(400, r.status());
        assertEquals("[from, shadows]", r.json().get("errors").findValuesAsText("field").toString());

        r = http.postJson("/api/reports/incident", "{\"item\": \"two\", \"by\": \"alice\"}");
        assertEquals(400, r.status());
        assertEquals("item", r.json().get("errors").get(0).get("field").asText());
        assertEquals(404, http.postJson("/api/reports/incident", "{\"item\": 999, \"by\": \"alice\"}").status());
        assertEquals(404, http.get("/api/reports/999").status());
        assertEquals(404, http.get("/api/reports/999/chart.png").status());
        assertEquals(400, http.get("/api/reports?kind=weekly").status());
        assertEquals(0, http.get("/api/reports").json().size(), "nothing half-written");
    }

    private BufferedImage png(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(app.url()).resolve(path))
                        .header("Authorization", "Bearer " + app.tokenFor(TestHttp.DEFAULT_PERSON)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertNotNull(img, "the body decodes as an image");
        return img;
    }

    private TestHttp.Response put(String path, String json) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url()).resolve(path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + app.tokenFor(TestHttp.named(path, json)))
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return new TestHttp.Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
