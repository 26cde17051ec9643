package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.report.ReportChart;
import dev.watchkeeper.report.ReportService;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Report drafts in the primary's DM, the Edit modal, and publishing to the rotation's channel with the chart. */
class SlackReportTest {

    static final String SECRET = "report-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackRequests slack;
    SlackOutbox outbox;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties(SECRET));
        slack = new SlackRequests(app, SECRET, fake);
        outbox = app.bean(SlackOutbox.class);
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    /** A shift with one paged alert, alice (a Slack user) its primary, rotation "ml" posting to C_ML. */
    int draftShiftReport() {
        slack.command("/triage", "help", "UALICE", "alice");
        app.bean(dev.watchkeeper.rotation.MembershipService.class).create(new dev.watchkeeper.rotation.NewRotation("ml", List.of("alice"), 7, null, null,
                null, "C_ML", null, 0), "alice");
        app.http().postJson("/api/alerts", "{\"alertname\": \"DiskFull\", \"severity\": \"critical\"}");
        app.bean(AlertPipeline.class).drain();
        app.clock().advance(Duration.ofHours(2));
        TestHttp.Response r = app.http().postJson("/api/reports/shift", "{\"by\": \"alice\", \"rotation\": \"ml\","
                + " \"primary\": \"alice\", \"from\": \"2026-03-02T08:00:00Z\", \"to\": \"2026-03-02T11:00:00Z\"}");
        assertEquals(201, r.status(), r.body());
        outbox.sendDue();
        return r.json().get("id").asInt();
    }

    @Test
    void draftEditAndPublishThroughSlack() throws IOException {
        int id = draftShiftReport();

        // The draft arrives in alice's DM with Edit and Publish.
        List<FakeSlack.Call> dms = fake.calls("chat.postMessage").stream()
                .filter(c -> "UALICE".equals(c.param("channel"))).toList();
        assertEquals(1, dms.size(), fake.calls().toString());
        String draftBlocks = dms.getFirst().blocksText();
        assertTrue(draftBlocks.contains("\"action_id\":\"" + SlackReportBlocks.EDIT_ACTION + "\""), draftBlocks);
        assertTrue(draftBlocks.contains("\"action_id\":\"" + SlackReportBlocks.PUBLISH_ACTION + "\""), draftBlocks);
        assertTrue(draftBlocks.contains("DiskFull"), draftBlocks);
        // The fake numbers posted messages: the alert message was the first, the DM the second.
        assertEquals("UALICE", fake.calls("chat.postMessage").get(1).param("channel"));
        String dmTs = "1800000000.000002";

        // Edit opens the modal with the report's Markdown, remembering the DM message.
        TestHttp.Response r = slack.messageButton(SlackReportBlocks.EDIT_ACTION, String.valueOf(id), "UALICE", dmTs, "UALICE");
        assertEquals(200, r.status(), r.body());
        List<FakeSlack.Call> opens = fake.calls("views.open");
        assertEquals(1, opens.size());
        assertTrue(opens.getFirst().param("trigger_id").startsWith("trigger-"), opens.toString());
        JsonNode view = Json.parse(opens.getFirst().param("view"));
        assertEquals(SlackReportBlocks.EDIT_CALLBACK, view.get("callback_id").asText());
        assertEquals(id + "|UALICE|" + dmTs, view.get("private_metadata").asText());
        String original = app.bean(ReportService.class).get(id).body();
        assertEquals(original.strip(), view.get("blocks").get(0).get("element").get("initial_value").asText());

        // Saving the modal changes the report and refreshes the DM.
        String edited = "# Shift report ml\n\nQuiet apart from DiskFull; the volume was grown by 20%.\n";
        r = slack.viewSubmission(SlackReportBlocks.EDIT_CALLBACK, view.get("private_metadata").asText(),
                Map.of("report_body_0", edited), SlackReportBlocks.BODY_INPUT, "UALICE");
        assertEquals(200, r.status(), r.body());
        ReportRow after = app.bean(ReportService.class).get(id);
        assertEquals(edited, after.body());
        assertEquals("alice", after.editedBy());
        outbox.sendDue();
        List<FakeSlack.Call> updates = fake.calls("chat.update");
        assertEquals(1, updates.size());
        assertEquals("UALICE", updates.getFirst().param("channel"));
        assertEquals(dmTs, updates.getFirst().param("ts"));
        assertTrue(updates.getFirst().blocksText().contains("grown by 20%"), updates.getFirst().blocksText());
        assertTrue(updates.getFirst().blocksText().contains(SlackReportBlocks.PUBLISH_ACTION));

        // An empty edit is refused in the modal, naming the problem; the report keeps its text.
        r = slack.viewSubmission(SlackReportBlocks.EDIT_CALLBACK, view.get("private_metadata").asText(),
                Map.of("report_body_0", "  "), SlackReportBlocks.BODY_INPUT, "UALICE");
        assertEquals(200, r.status(), r.body());
        assertEquals("errors", r.json().get("response_action").asText(), r.body());
        assertTrue(r.json().get("errors").get("report_body_0").asText().contains("text"), r.body());
        assertEquals(edited, app.bean(ReportService.class).get(id).body());

        // Publish: the report goes to the rotation's channel, with the chart uploaded there.
        fake.reset();
        r = slack.messageButton(SlackReportBlocks.PUBLISH_ACTION, String.valueOf(id), "UALICE", dmTs, "UALICE");
        assertEquals(200, r.status(), r.body());
        app.bean(SlackLater.class).drain();
        assertTrue(app.bean(ReportService.class).get(id).published());
        assertEquals("alice", app.bean(ReportService.class).get(id).publishedBy());
        outbox.sendDue();
        List<FakeSlack.Call> posts = fake.calls("chat.postMessage");
        assertEquals(1, posts.size(), fake.calls().toString());
        assertEquals("C_ML", posts.getFirst().param("channel"));
        assertTrue(posts.getFirst().blocksText().contains("grown by 20%"), posts.getFirst().blocksText());
        assertTrue(posts.getFirst().blocksText().contains("Published by alice"), posts.getFirst().blocksText());
        assertFalse(posts.getFirst().blocksText().contains(SlackReportBlocks.PUBLISH_ACTION));

        FakeSlack.Call getUrl = fake.calls("files.getUploadURLExternal").getFirst();
        assertEquals("report-" + id + ".png", getUrl.param("filename"));
        FakeSlack.Call complete = fake.calls("files.completeUploadExternal").getFirst();
        assertEquals("C_ML", complete.param("channel_id"));
        String fileId = Json.parse(complete.param("files")).get(0).get("id").asText();
        byte[] png = fake.uploaded(fileId);
        assertNotNull(png, "the bytes were POSTed to the upload URL");
        assertEquals(png.length, Integer.parseInt(getUrl.param("length")));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "the upload is an image");
        assertEquals(ReportChart.WIDTH, image.getWidth());
        assertEquals(ReportChart.HEIGHT, image.getHeight());
        List<String> order = fake.calls().stream().map(FakeSlack.Call::method)
                .filter(m -> !m.equals("chat.update") && !m.startsWith("response_url:")).toList();
        assertEquals(List.of("chat.postMessage", "files.getUploadURLExternal", "upload:" + fileId,
                "files.completeUploadExternal"), order);

        // The DM now shows the published report, without buttons.
        FakeSlack.Call dm = fake.calls("chat.update").getFirst();
        assertEquals(dmTs, dm.param("ts"));
        assertTrue(dm.blocksText().contains("Published by alice"), dm.blocksText());
        assertFalse(dm.blocksText().contains(SlackReportBlocks.EDIT_ACTION), dm.blocksText());
        String said = fake.calls().stream().filter(c -> c.method().startsWith("response_url:")).findFirst().orElseThrow()
                .json().get("text").asText();
        assertTrue(said.startsWith("Published: "), said);

        // A second Publish (or Edit) is answered privately: published reports do not change.
        fake.reset();
        slack.messageButton(SlackReportBlocks.PUBLISH_ACTION, String.valueOf(id), "UALICE", dmTs, "UALICE");
        slack.messageButton(SlackReportBlocks.EDIT_ACTION, String.valueOf(id), "UALICE", dmTs, "UALICE");
        app.bean(SlackLater.class).drain();
        outbox.sendDue();
        assertEquals(0, fake.calls("chat.postMessage").size());
        assertEquals(0, fake.calls("views.open").size());
        List<FakeSlack.Call> answers = fake.calls().stream().filter(c -> c.method().startsWith("response_url:")).toList();
        assertEquals(2, answers.size(), fake.calls().toString());
        answers.forEach(a -> assertTrue(a.json().get("text").asText().contains("does not change"), a.json().toString()));
    }

    @Test
    void anIncidentReportWithoutRotationGoesToTheAlertsChannelWithoutChart() {
        slack.command("/triage", "help", "UBOB", "bob");
        TestHttp.Response alert = app.http().postJson("/api/alerts", "{\"alertname\": \"Latency\", \"severity\": \"critical\"}");
        app.bean(AlertPipeline.class).drain();
        int item = alert.json().get("alerts").get(0).get("itemId").asInt();
        TestHttp.Response r = app.http().postJson("/api/reports/incident", "{\"item\": " + item + ", \"by\": \"bob\"}");
        assertEquals(201, r.status(), r.body());
        int id = r.json().get("id").asInt();
        outbox.sendDue();
        assertEquals(1, fake.calls("chat.postMessage").stream().filter(c -> c.param("channel").equals("UBOB")).count(),
                "no assignee: the draft goes to whoever asked");
        fake.reset();

        slack.messageButton(SlackReportBlocks.PUBLISH_ACTION, String.valueOf(id), "UBOB", "1800000000.000002", "UBOB");
        app.bean(SlackLater.class).drain();
        outbox.sendDue();
        List<FakeSlack.Call> posts = fake.calls("chat.postMessage");
        assertEquals(1, posts.size());
        assertEquals("C_ALERTS", posts.getFirst().param("channel"));
        assertEquals(0, fake.calls("files.getUploadURLExternal").size());
    }

    @Test
    void aButtonNamingNoReportIsAnsweredPrivately() {
        slack.messageButton(SlackReportBlocks.EDIT_ACTION, "999", "UALICE", "1800000000.000001", "UALICE");
        outbox.sendDue();
        assertEquals(0, fake.calls("views.open").size());
        String text = fake.calls().getLast().json().get("text").asText();
        assertTrue(text.contains("report 999 does not exist"), text);
    }
}
