package dev.watchkeeper.slack;

import dev.watchkeeper.rotation.MemberView;
import dev.watchkeeper.rotation.RotationService;
import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.FakeSlack;
import dev.watchkeeper.testing.SlackRequests;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.watchkeeper.slack.SlashCommandSharesCliParsingTest.cliProblem;
import static dev.watchkeeper.slack.SlashCommandSharesCliParsingTest.slackProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /oncall} and {@code /report} are parsed by the command line's {@code rotation} and {@code report} classes:
 * the same bad input is refused with the same words on both surfaces, and in Slack the actor is always the signed
 * request's user ({@code --as} and {@code --by} are refused). Every Slack request here is signed and goes through the
 * real server.
 */
class SlashOncallReportSharesCliParsingTest {

    static final String SECRET = "oncall-report-parsing-secret";

    @TempDir
    Path dir;
    FakeSlack fake;
    TestApp app;
    SlackRequests slack;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        app = TestApp.start(dir, fake.appProperties(SECRET));
        slack = new SlackRequests(app, SECRET, fake);
        // alice and bob have used Watchkeeper in Slack before the rotation names them (as SlackRotationFlowTest).
        for (String who : List.of("alice", "bob")) {
            assertTrue(oncall("", who).startsWith("There are no rotations yet"));
        }
        // The test clock starts on Monday 2026-03-02 09:00 UTC: alice is primary.
        TestHttp.Response r = app.http().postJson("/api/rotations", """
                {"name": "ml", "members": ["alice", "bob"], "zone": "UTC",
                 "handoffDay": "monday", "handoffTime": "09:00"}""");
        assertEquals(201, r.status(), r.body());
    }

    @AfterEach
    void stop() {
        app.close();
        fake.close();
    }

    String oncall(String text, String user) {
        TestHttp.Response r = slack.command("/oncall", text, "U" + user.toUpperCase(), user);
        assertEquals(200, r.status(), r.body());
        return r.json().get("text").asText();
    }

    /** {@code /report} answers "Working on it…" at once and the answer through the response_url. */
    String report(String text, String user) {
        fake.reset();
        TestHttp.Response r = slack.command("/report", text, "U" + user.toUpperCase(), user);
        assertEquals(200, r.status(), r.body());
        assertEquals("Working on it…", r.json().get("text").asText());
        app.bean(SlackLater.class).drain();
        app.bean(SlackOutbox.class).sendDue();
        List<FakeSlack.Call> answers = fake.calls().stream().filter(c -> c.method().startsWith("response_url:")).toList();
        assertEquals(1, answers.size(), answers.toString());
        return answers.getFirst().json().get("text").asText();
    }

    Cli.Result cli(String... args) {
        return Cli.run(app.dbFile(), args);
    }

    List<String> members() {
        return app.bean(RotationService.class).view("ml").members().stream().map(MemberView::handle).toList();
    }

    @Test
    void theSameBadInputIsRefusedWithTheSameWordsInSlackAndOnTheCommandLine() {
        List<String> bad = List.of(
                "extend ml bob lots",                         // picocli's conversion error for SHIFTS
                "override ml @dave soon later",               // the domain's field errors (times)
                "override @dave yesterday",                   // too few words
                "schedule ml 2 --weeks 3",                    // the same value twice
                "swap ml",                                    // nobody to swap with
                "swap ml --with bob",                         // the other options missing
                "confirm x",                                  // not a swap number
                "join");                                      // picocli's missing parameter
        for (String words : bad) {
            String inSlack = slackProblem(oncall(words, "alice"));
            // rotation SUBCOMMAND --as alice WORDS...: the CLI's actor, given before the words as Slack's is
            List<String> args = new java.util.ArrayList<>(List.of("rotation"));
            String[] w = words.split(" ");
            args.add(w[0]);
            if (!w[0].equals("schedule")) { // schedule only reads
                args.addAll(List.of("--as", "alice"));
            }
            args.addAll(List.of(w).subList(1, w.length));
            assertEquals(cliProblem(cli(args.toArray(String[]::new))), inSlack, "the same problem for " + words);
        }
        assertEquals("• from: is not a date or time: 'soon' (use 2026-03-09, 2026-03-09T18:00 or 2026-03-09T18:00:00Z; "
                + "local forms are in UTC)", oncall("override ml @dave soon later", "alice").lines().findFirst().orElseThrow());
        assertTrue(oncall("override @dave yesterday", "alice").contains("*Usage*"), "bad input is followed by the usage");
        // A rotation that does not exist is one sentence, as on the command line.
        assertEquals(cliProblem(cli("rotation", "schedule", "nope")), oncall("schedule nope", "alice"));
        // /oncall swap confirm ID is the command line's rotation confirm ID.
        assertEquals(slackProblem(oncall("confirm x", "alice")), slackProblem(oncall("swap confirm x", "alice")));

        List<List<String>> badReports = List.of(
                List.of("incident", "abc"),
                List.of("incident"),
                List.of("shift", "--from", "yesterday"),
                List.of("shift", "ml", "--rotation", "ml"));
        for (List<String> words : badReports) {
            String inSlack = slackProblem(report(String.join(" ", words), "alice"));
            List<String> args = new java.util.ArrayList<>(List.of("report"));
            args.addAll(words);
            assertEquals(cliProblem(cli(args.toArray(String[]::new))), inSlack, "the same problem for " + words);
        }
        assertTrue(report("incident abc", "alice").startsWith("• Invalid value for positional parameter at index 0 (ITEM): "
                + "must be an item number such as 42; was 'abc'"));
        assertEquals(List.of("alice", "bob"), members(), "nothing was done by any of them");
        assertEquals(0, app.bean(dev.watchkeeper.report.ReportService.class).list(null, null, 10).size());
    }

    @Test
    void inSlackTheActorIsTheSignedUserAndAsOrByIsRefused() {
        String answer = oncall("join ml --as carol", "mallory");
        assertEquals("• --as: is not taken in Slack: you act as yourself, the Slack user who sent the command",
                answer.lines().findFirst().orElseThrow());
        answer = oncall("override ml @mallory 2026-03-03 2026-03-04 --as alice", "mallory");
        assertTrue(slackProblem(answer).startsWith("--as: is not taken in Slack"), answer);
        answer = report("shift ml --by alice", "mallory");
        assertTrue(slackProblem(answer).startsWith("--by: is not taken in Slack"), answer);
        answer = report("incident 1 --by alice", "mallory");
        assertTrue(slackProblem(answer).startsWith("--by: is not taken in Slack"), answer);
        assertEquals(List.of("alice", "bob"), members(), "nobody joined");
        assertEquals("ml: alice — until Mon 9 Mar 2026 09:00 UTC", oncall("", "bob"), "no override was made");

        // Without --as the signed user acts: mallory is refused as herself.
        assertEquals("mallory may not override rotation ml: only its members and admins may",
                oncall("override ml @mallory 2026-03-03 2026-03-04", "mallory"));
    }

    @Test
    void goodCommandsWorkEndToEndAndTheCommandLineTakesTheSlackForms() {
        String joined = oncall("join ml", "carol");
        assertTrue(joined.startsWith("You joined ml. You shadow the primary for your first 2 shifts"), joined);
        assertEquals(List.of("alice", "bob", "carol"), members());

        String schedule = oncall("schedule 2", "carol");
        assertTrue(schedule.contains("Mon 9 Mar 2026 09:00 → Mon 16 Mar 2026 09:00  bob  shadows: carol"), schedule);
        assertEquals(schedule, oncall("schedule ml --weeks 2", "carol"), "the command line's option works in Slack");
        Cli.Result r = cli("rotation", "schedule", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(schedule.replace("&gt;", ">").strip(), r.out().strip(), "and the Slack form on the command line");

        assertEquals("dave covers ml from Tue 3 Mar 2026 18:00 UTC to Wed 4 Mar 2026 06:00 UTC.",
                oncall("override <@UDAVE|dave> 2026-03-03T18:00 2026-03-04T06:00", "alice"));
        String swap = oncall("swap ml --with <@UBOB|bob> --mine 2026-03-23 --theirs 2026-03-09", "alice");
        assertTrue(swap.startsWith("Swap 1 requested: bob is asked to confirm."), swap);
        assertTrue(oncall("swap confirm 1", "bob").contains("is confirmed"));

        r = cli("rotation", "extend", "ml", "carol", "3", "--as", "alice");
        assertEquals(0, r.exitCode(), r.err());
        java.util.regex.Matcher left = java.util.regex.Pattern.compile("carol shadows (\\d+) more shifts\\.").matcher(r.out().strip());
        assertTrue(left.matches(), r.out());
        assertEquals("carol shadows " + (Integer.parseInt(left.group(1)) + 1) + " more shifts in ml.",
                oncall("extend ml @carol --shifts 1", "alice"));

        String drafted = report("shift ml", "alice");
        assertTrue(drafted.startsWith("Drafted report 1: Shift report: ml,") && drafted.endsWith("to edit and publish."), drafted);
        assertFalse(app.bean(dev.watchkeeper.report.ReportService.class).list(null, null, 10).isEmpty());
    }
}
