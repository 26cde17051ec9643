package dev.watchkeeper.rotation;

import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The surface-neutral /oncall command, as Slack will call it. */
class OncallCommandsTest {

    @TempDir
    Path dir;
    TestApp app;
    OncallCommands oncall;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        oncall = app.bean(OncallCommands.class);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void theWholeCommand() {
        assertTrue(oncall.handle("alice", "").text().startsWith("There are no rotations yet"));
        app.bean(MembershipService.class).create(new NewRotation("ml", java.util.List.of("alice", "bob"),
                null, null, null, null, "#ml-oncall", null, null), "alice");

        Reply r = oncall.handle("carol", "join ml");
        assertFalse(r.error(), r.text());
        assertTrue(r.text().startsWith("You joined ml. You shadow the primary for your first 2 shifts"), r.text());
        assertEquals("ml: alice, shadows: carol — until Mon 9 Mar 2026 09:00 UTC", oncall.handle("carol", "").text());

        r = oncall.handle("carol", "schedule ml 2");
        assertTrue(r.text().contains("Mon 9 Mar 2026 09:00 → Mon 16 Mar 2026 09:00  bob  shadows: carol"), r.text());

        r = oncall.handle("alice", "override @dave 2026-03-03T18:00 2026-03-04T06:00");
        assertFalse(r.error(), r.text());
        assertEquals("dave covers ml from Tue 3 Mar 2026 18:00 UTC to Wed 4 Mar 2026 06:00 UTC.", r.text());

        r = oncall.handle("mallory", "override @mallory 2026-03-03 2026-03-04");
        assertTrue(r.error());
        assertEquals("mallory may not override rotation ml: only its members and admins may", r.text());

        r = oncall.handle("alice", "swap @bob 2026-03-23 2026-03-09");
        assertTrue(r.text().startsWith("Swap 1 requested"), r.text());
        r = oncall.handle("bob", "swap confirm 1");
        assertTrue(r.text().contains("is confirmed"), r.text());

        r = oncall.handle("alice", "handoff");
        assertTrue(r.text().startsWith("*Handoff for ml*: alice → alice"), r.text());
        assertTrue(oncall.handle("alice", "shadow").text().contains("no shadow has received a paged alert yet"));
        assertTrue(oncall.handle("alice", "graduate ml @carol").text().startsWith("carol is primary-eligible"));

        r = oncall.handle("alice", "override @dave yesterday");
        assertTrue(r.error());
        assertTrue(r.text().contains("*Usage*"), r.text());
        r = oncall.handle("alice", "dance");
        assertTrue(r.error());
        assertTrue(r.text().startsWith("Unknown sub-command `dance`."));
        assertTrue(oncall.handle("alice", "help").text().contains("/oncall join ROTATION"));
        r = oncall.handle("alice", "extend ml carol lots");
        assertTrue(r.error());
        assertTrue(r.text().startsWith("shifts: must be a whole number"), r.text());
    }
}
