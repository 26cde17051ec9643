package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import dev.watchkeeper.triage.AlertPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /triage ack|act|noise|snooze|assign|note|show|add|queue} are parsed by the command line's own picocli
 * classes: the same bad input is refused with the same words on both surfaces, options of the CLI work in Slack,
 * and in Slack the actor is always the signed request's user ({@code --by} is refused).
 */
class SlashCommandSharesCliParsingTest {

    static final String SECRET = "shared-parsing-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackRequests slack;
    int item;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties(SECRET));
        slack = new SlackRequests(app, SECRET, fake);
        TestHttp.Response r = app.http().postJson("/api/alerts",
                "{\"alertname\": \"DiskFull\", \"severity\": \"critical\", \"service\": \"feature-store\"}");
        app.bean(AlertPipeline.class).drain();
        item = r.json().get("alerts").get(0).get("itemId").asInt();
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    String slackAnswer(String text) {
        TestHttp.Response r = slack.command("/triage", text, "UALICE", "alice");
        assertEquals(200, r.status(), r.body());
        return r.json().get("text").asText();
    }

    /** The first problem line of a Slack answer, without its bullet and with Slack's escaping undone. */
    static String slackProblem(String answer) {
        String first = answer.lines().findFirst().orElse("");
        assertTrue(first.startsWith("• "), answer);
        return first.substring(2).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The first line the CLI printed on stderr, without its "error: " prefix. */
    static String cliProblem(Cli.Result r) {
        assertNotEquals(0, r.exitCode(), r.out());
        String first = r.err().lines().findFirst().orElse("");
        return first.startsWith("error: ") ? first.substring("error: ".length()) : first;
    }

    JsonNode actions() {
        return app.http().get("/api/items/" + item).json().get("actions");
    }

    @Test
    void theSameBadInputIsRefusedWithTheSameWordsInSlackAndOnTheCommandLine() {
        String id = String.valueOf(item);
        List<List<String>> bad = List.of(
                List.of("snooze", id, "soon"),           // a field error from the shared request (duration)
                List.of("snooze", id),                    // nothing says how long
                List.of("ack", "abc"),                    // picocli's conversion error for ID
                List.of("ack"),                           // picocli's missing parameter
                List.of("assign", id),                    // nobody to assign
                List.of("snooze", id, "2h", "--until", "2030-01-01T00:00:00Z"), // both forms at once
                List.of("note", id),                      // a note without text
                List.of("show", "#0"));
        for (List<String> words : bad) {
            String inSlack = slackProblem(slackAnswer(String.join(" ", words)));
            String[] cli = new String[words.size() + 1];
            cli[0] = "item";
            System.arraycopy(words.toArray(String[]::new), 0, cli, 1, words.size());
            String onCli = cliProblem(Cli.run(app.dbFile(), cli));
            assertEquals(onCli, inSlack, "the same problem for " + words);
        }
        assertTrue(slackAnswer("snooze " + item + " soon").contains("duration: must be a number"));
        assertTrue(slackAnswer("ack abc").contains("(ID): must be an item number such as 42; was 'abc'"));
        assertEquals(0, actions().size(), "nothing was done by any of them");

        String queue = slackProblem(slackAnswer("queue --limit 0"));
        assertEquals(cliProblem(Cli.run(app.dbFile(), "queue", "--limit", "0")), queue);
        assertTrue(queue.contains("--limit must be at least 1"), queue);
    }

    @Test
    void theCommandLinesOptionsWorkInSlackAndTheSlackFormsOnTheCommandLine() {
        String list = slackAnswer("queue --state all --service feature-store -n 5");
        assertTrue(list.contains("1 of 1 item"), list);
        assertTrue(slackAnswer("queue --service nothing-here").contains("The queue is empty."));
        slackAnswer("snooze " + item + " --until 2030-01-01T00:00:00Z");
        assertEquals("2030-01-01T00:00:00Z", app.http().get("/api/items/" + item).json().get("item")
                .get("snoozedUntil").asText());
        slackAnswer("ack #" + item + " --note resizing");
        slackAnswer("note " + item + " resized to\n2 TB");
        JsonNode acts = actions();
        assertEquals("resizing", acts.get(1).get("note").asText());
        assertEquals("resized to\n2 TB", acts.get(2).get("note").asText(), "a line break stays in the note");
        assertEquals(List.of("alice", "alice", "alice"), acts.findValuesAsText("actor"));

        // The Slack forms work on the command line too: a duration after the ID, words after the ID as the note.
        Cli.Result r = Cli.run(app.dbFile(), "item", "assign", String.valueOf(item), "@bob", "--by", "carol");
        assertEquals(0, r.exitCode(), r.err());
        r = Cli.run(app.dbFile(), "item", "acted", "#" + item, "grew", "the", "volume", "--by", "carol");
        assertEquals(0, r.exitCode(), r.err());
        acts = actions();
        assertEquals("bob", app.http().get("/api/items/" + item).json().get("item").get("assignee").asText());
        assertEquals("grew the volume", acts.get(acts.size() - 1).get("note").asText());
        assertEquals("cli", acts.get(acts.size() - 1).get("surface").asText());

        // Slack text is prose: a word that looks like an unknown option stays text.
        String added = slackAnswer("add users report -5% conversions --service checkout");
        assertTrue(added.startsWith("Added #") && added.contains("users report -5% conversions"), added);
        String help = slackAnswer("snooze --help");
        assertTrue(help.contains("/triage snooze") && help.contains("--until"), help);
    }

    @Test
    void noteIsParsedByTheCliNoteAddCommand() {
        TestHttp.Response r = slack.command("/note", "DiskFull", "UALICE", "alice");
        String inSlack = slackProblem(r.json().get("text").asText());
        assertEquals(cliProblem(Cli.run(app.dbFile(), "note", "add", "DiskFull")), inSlack);
        assertTrue(r.json().get("text").asText().contains("Usage: /note"), r.body());

        r = slack.command("/note", "DiskFull resize first --by mallory", "UALICE", "alice");
        assertTrue(slackProblem(r.json().get("text").asText()).startsWith("--by: is not taken in Slack"), r.body());

        r = slack.command("/note", "DiskFull resize the volume before -5% free", "UALICE", "alice");
        assertTrue(r.json().get("text").asText().startsWith("Noted for DiskFull"), r.body());
    }

    @Test
    void inSlackTheActorIsTheSignedUserAndByIsRefused() {
        String answer = slackAnswer("ack " + item + " --by mallory");
        assertTrue(slackProblem(answer).startsWith("--by: is not taken in Slack"), answer);
        answer = slackAnswer("add the VPN is down --by mallory");
        assertTrue(slackProblem(answer).startsWith("--by: is not taken in Slack"), answer);
        assertEquals(0, actions().size());
        assertTrue(slackAnswer("queue --state all").contains("1 of 1 item"), "nothing was added as mallory");

        slackAnswer("ack " + item + " on it");
        JsonNode action = actions().get(0);
        assertEquals("alice", action.get("actor").asText());
        assertEquals("slack", action.get("surface").asText());
        assertEquals("on it", action.get("note").asText());
    }
}
