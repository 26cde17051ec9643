package dev.watchkeeper.rotation;

import dev.watchkeeper.slack.OncallSlash;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /oncall}'s subcommands and answers, as Slack calls them (the Slack user's handle and the text). */
class SlashOncallTest {

    @TempDir
    Path dir;
    TestApp app;
    OncallSlash oncall;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        oncall = app.bean(OncallSlash.class);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    String answer(String actor, String text) {
        return oncall.run(actor, text).get("text").asText();
    }

    @Test
    void theWholeCommand() {
        assertTrue(answer("alice", "").startsWith("There are no rotations yet"));
        assertEquals("• rotation: there are no rotations yet", answer("alice", "schedule").lines().findFirst().orElseThrow());
        app.bean(MembershipService.class).create(new NewRotation("ml", java.util.List.of("alice", "bob"),
                null, null, null, null, "#ml-oncall", null, null), "alice");

        String r = answer("carol", "join ml");
        assertTrue(r.startsWith("You joined ml. You shadow the primary for your first 2 shifts"), r);
        assertEquals("ml: alice, shadows: carol — until Mon 9 Mar 2026 09:00 UTC", answer("carol", ""));

        r = answer("carol", "schedule ml 2");
        assertTrue(r.contains("Mon 9 Mar 2026 09:00 → Mon 16 Mar 2026 09:00  bob  shadows: carol"), r);
        assertEquals(r, answer("carol", "schedule 2"), "the only rotation, two weeks");
        assertEquals(r, answer("carol", "schedule --weeks 2"), "the command line's option");

        r = answer("alice", "override @dave 2026-03-03T18:00 2026-03-04T06:00");
        assertEquals("dave covers ml from Tue 3 Mar 2026 18:00 UTC to Wed 4 Mar 2026 06:00 UTC.", r);

        r = answer("mallory", "override @mallory 2026-03-03 2026-03-04");
        assertEquals("mallory may not override rotation ml: only its members and admins may", r);

        r = answer("alice", "swap @bob 2026-03-23 2026-03-09");
        assertTrue(r.startsWith("Swap 1 requested"), r);
        r = answer("bob", "swap confirm 1");
        assertTrue(r.contains("is confirmed"), r);

        r = answer("alice", "handoff");
        assertTrue(r.startsWith("*Handoff for ml*: alice → alice"), r);
        assertTrue(answer("alice", "shadow").contains("no shadow has received a paged alert yet"));
        assertTrue(answer("alice", "graduate ml @carol").startsWith("carol is primary-eligible"));

        r = answer("alice", "override @dave yesterday");
        assertTrue(r.startsWith("• ") && r.contains("([ROTATION] PERSON FROM TO)"), r);
        assertTrue(r.contains("*Usage*"), r);
        r = answer("alice", "dance");
        assertTrue(r.startsWith("• Unknown subcommand `dance`"), r);
        assertTrue(answer("alice", "help").contains("/oncall join ROTATION"));
        r = answer("alice", "extend ml carol lots");
        assertTrue(r.startsWith("• Invalid value for positional parameter at index 2 (SHIFTS): 'lots'"), r);
        r = answer("alice", "extend ml carol 2");
        assertTrue(r.matches("carol shadows \\d+ more shifts in ml\\."), r);
        r = answer("alice", "extend --help");
        assertTrue(r.startsWith("```") && r.contains("/oncall extend") && r.contains("--shifts"), r);
    }
}
