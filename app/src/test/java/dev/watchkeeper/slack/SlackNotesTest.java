package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /note}, replies in alert threads as notes (opted-in channels only), and {@code /triage reload}. */
class SlackNotesTest {

    static final String SECRET = "notes-secret";
    static final String REPLY = "restarted the exporter pod and the lag recovered within five minutes";

    @TempDir
    Path dir;
    Path books;
    FakeSlack fake;
    TestApp app;
    SlackRequests slack;
    SlackOutbox outbox;

    @BeforeEach
    void start() throws IOException {
        books = Files.createDirectory(dir.resolve("books"));
        fake = FakeSlack.start();
        Map<String, Object> props = new java.util.HashMap<>(fake.appProperties(SECRET));
        props.put("slack.note-channels", " C_ALERTS , C_SRE");
        props.put("watchkeeper.playbooks.dir", books.toString());
        app = TestApp.start(dir, props);
        slack = new SlackRequests(app, SECRET, fake);
        outbox = app.bean(SlackOutbox.class);
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    int fire(String alertname) {
        TestHttp.Response r = app.http().postJson("/api/alerts", "{\"alertname\": \"" + alertname + "\", \"severity\": \"critical\"}");
        assertEquals(201, r.status(), r.body());
        app.bean(AlertPipeline.class).drain();
        return r.json().get("alerts").get(0).get("itemId").asInt();
    }

    List<JsonNode> notes(int item) {
        List<JsonNode> out = new ArrayList<>();
        app.http().get("/api/items/" + item).json().get("actions").forEach(a -> {
            if (a.get("kind").asText().equals("note")) {
                out.add(a);
            }
        });
        return out;
    }

    ObjectNode reply(String channel, String threadTs, String user, String text) {
        ObjectNode e = Json.object();
        e.put("type", "message").put("channel", channel).put("user", user).put("text", text)
                .put("ts", "1800000001.000100").put("thread_ts", threadTs).put("event_ts", "1800000001.000100")
                .put("channel_type", "channel");
        return e;
    }

    @Test
    void noteCommandKeepsANoteAndAnswersPrivately() {
        fire("FeatureLag");
        TestHttp.Response r = slack.command("/note", "FeatureLag usually the upstream export is late; wait 30 min",
                "UALICE", "alice");
        assertEquals(200, r.status(), r.body());
        assertEquals("ephemeral", r.json().get("response_type").asText());
        assertTrue(r.json().get("text").asText().startsWith("Noted for FeatureLag"), r.body());
        JsonNode kept = app.http().get("/api/notes?alertname=FeatureLag").json();
        assertEquals(1, kept.size(), kept.toString());
        assertTrue(kept.get(0).toString().contains("upstream export is late"), kept.toString());

        r = slack.command("/note", "", "UALICE", "alice");
        assertTrue(r.json().get("text").asText().startsWith("Usage: /note"), r.body());
    }

    String note(String text, String user, String name) {
        TestHttp.Response r = slack.command("/note", text, user, name);
        assertEquals(200, r.status(), r.body());
        assertEquals("ephemeral", r.json().get("response_type").asText(), r.body());
        return r.json().get("text").asText();
    }

    /** By alert name or by item (its group is kept); the same thing said again is merged into the first note. */
    @Test
    void noteCommandByAlertNameAndByItemMergesWhatIsSaidAgain() {
        int item = fire("FeatureNullRateHigh");
        assertEquals("Noted for FeatureNullRateHigh (note 1). It shows the next time the alert fires.",
                note("FeatureNullRateHigh the upstream export lands late on Mondays", "UALICE", "alice"));
        assertEquals("Noted for FeatureNullRateHigh (note 2). It shows the next time the alert fires.",
                note("#" + item + " check the user_age join in the feature pipeline first", "UBOB", "bob"));
        assertEquals("That matches a note already kept for FeatureNullRateHigh (note 1, now noted 2 times). "
                + "It shows the next time the alert fires.",
                note("FeatureNullRateHigh upstream export lands late on Monday", "UCAROL", "carol"));
        String missing = note("FeatureNullRateHigh", "UALICE", "alice");
        assertTrue(missing.startsWith("• ") && missing.endsWith("\n" + SlackText.escape(dev.watchkeeper.knowledge.NoteCommands.USAGE)), missing);
        String unknown = note("9999 text", "UALICE", "alice");
        assertTrue(unknown.startsWith("item 9999 does not exist"), unknown);

        List<dev.watchkeeper.db.knowledge.NoteRow> notes = app.bean(dev.watchkeeper.knowledge.KnowledgeService.class).all();
        assertEquals(2, notes.size());
        assertEquals(null, notes.get(0).groupKey(), "a note on an alert name is general");
        assertEquals(2, notes.get(0).seenCount());
        assertEquals("alice", notes.get(0).author(), "the author is the signed Slack user");
        assertEquals("bob", notes.get(1).author());
        assertEquals(item, notes.get(1).itemId());
        assertTrue(notes.get(1).groupKey() != null, "a note on an item keeps its group");
    }

    @Test
    void threadRepliesInOptedInChannelsBecomeNotesOnTheItem() {
        int item = fire("ExporterLag");
        outbox.sendDue(); // the item's message in C_ALERTS gets ts 1800000000.000001
        String threadTs = "1800000000.000001";

        TestHttp.Response r = slack.event(reply("C_ALERTS", threadTs, "UBOB", REPLY));
        assertEquals(200, r.status(), r.body());
        List<JsonNode> notes = notes(item);
        assertEquals(1, notes.size(), notes.toString());
        assertEquals(REPLY, notes.getFirst().get("note").asText());
        assertEquals("slack", notes.getFirst().get("surface").asText());
        assertEquals("ubob", notes.getFirst().get("actor").asText().toLowerCase());
        app.bean(AlertPipeline.class).drain();
        JsonNode knowledge = app.http().get("/api/notes?alertname=ExporterLag").json();
        assertTrue(knowledge.toString().contains("lag recovered"), knowledge.toString());

        // Bot messages, top-level messages and replies to other threads are not notes.
        ObjectNode bot = reply("C_ALERTS", threadTs, "UBOT", "Re-fired 2 times");
        bot.put("bot_id", "BBOT");
        slack.event(bot);
        slack.event(reply("C_ALERTS", "1800000001.000100", "UBOB", "a new top-level message about lunch plans today"));
        slack.event(reply("C_ALERTS", "1700000000.000009", "UBOB", "a reply in some thread that is not an alert"));
        assertEquals(1, notes(item).size());

        // Edits and joins in a subscribed channel are acknowledged (no retries from Slack) and change nothing.
        ObjectNode changed = reply("C_ALERTS", threadTs, "UBOB", REPLY + " edited");
        changed.put("subtype", "message_changed");
        changed.set("message", reply("C_ALERTS", threadTs, "UBOB", REPLY + " edited"));
        assertEquals(200, slack.event(changed).status());
        ObjectNode join = reply("C_ALERTS", threadTs, "UCAROL", "<@UCAROL> has joined the channel");
        join.put("subtype", "channel_join");
        TestHttp.Response joined = slack.event(join);
        assertEquals(200, joined.status(), joined.body());
        assertEquals(1, notes(item).size());

        // A reply with a file is a reply too.
        ObjectNode withFile = reply("C_ALERTS", threadTs, "UCAROL", "graph attached: the lag dropped after the exporter restart");
        withFile.put("subtype", "file_share");
        assertEquals(200, slack.event(withFile).status());
        assertEquals(2, notes(item).size());
        assertEquals("graph attached: the lag dropped after the exporter restart", notes(item).get(1).get("note").asText());
    }

    @Test
    void threadRepliesInChannelsThatDidNotOptInAreIgnored() {
        int item = fire("QueueDepth");
        // The item's message lives in a channel that did not opt in.
        app.bean(Database.class).writeVoid(tx -> {
            SlackMessageStore m = app.bean(SlackMessageStore.class);
            m.create(tx, item, "C_RANDOM", app.clock().instant());
            m.setPosted(tx, item, "C_RANDOM", "1800000000.000500", app.clock().instant());
        });
        TestHttp.Response r = slack.event(reply("C_RANDOM", "1800000000.000500", "UBOB", REPLY));
        assertEquals(200, r.status(), r.body());
        assertEquals(0, notes(item).size());
        // The same reply where the channel opted in is kept: the setup above is not what blocks it.
        app.bean(Database.class).writeVoid(tx -> app.bean(SlackMessageStore.class)
                .setPosted(tx, item, "C_SRE", "1800000000.000500", app.clock().instant()));
        slack.event(reply("C_SRE", "1800000000.000500", "UBOB", REPLY));
        assertEquals(1, notes(item).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theManifestHasTheNoteCommandTheMessageEventsAndTheUploadScope() throws IOException {
        Map<String, Object> m = new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("..", "slack-app-manifest.yml")));
        List<Map<String, Object>> commands = (List<Map<String, Object>>) ((Map<String, Object>) m.get("features"))
                .get("slash_commands");
        assertTrue(commands.stream().anyMatch(c -> "/note".equals(c.get("command"))
                && c.get("url").toString().endsWith("/slack/events")), commands.toString());
        List<String> events = (List<String>) ((Map<String, Object>) ((Map<String, Object>) m.get("settings"))
                .get("event_subscriptions")).get("bot_events");
        assertTrue(events.containsAll(List.of("message.channels", "message.groups")), events.toString());
        List<String> scopes = (List<String>) ((Map<String, Object>) ((Map<String, Object>) m.get("oauth_config"))
                .get("scopes")).get("bot");
        assertTrue(scopes.containsAll(List.of("files:write", "channels:history", "groups:history")), scopes.toString());
    }

    @Test
    void triageReloadReloadsPlaybooksAndNamesTheProblems() throws IOException {
        Files.writeString(books.resolve("Serving.md"), "---\nalerts: [ServingErrorRateHigh]\nowner: team\n---\n"
                + "# Serving\n\n## Meaning\n\nm\n\n## Impact\n\ni\n\n## Diagnosis\n\nd\n\n## Mitigation\n\n- fix it\n");
        Files.writeString(books.resolve("Broken.md"), "no front matter");
        TestHttp.Response r = slack.command("/triage", "reload", "UALICE", "alice");
        assertEquals(200, r.status(), r.body());
        String text = r.json().get("text").asText();
        assertTrue(text.startsWith("Reloaded 1 playbook from `" + books + "`, 1 problem:"), text);
        assertTrue(text.contains(books.resolve("Broken.md") + ":1: must start with '---'"), text);
        assertEquals(1, app.http().get("/api/playbooks").json().get("playbooks").size());

        Files.delete(books.resolve("Broken.md"));
        text = slack.command("/triage", "reload", "UALICE", "alice").json().get("text").asText();
        assertTrue(text.startsWith("Reloaded 1 playbook from `" + books + "`, no problems."), text);
        assertTrue(slack.command("/triage", "help", "UALICE", "alice").json().get("text").asText()
                .contains("/triage reload"));
    }
}
