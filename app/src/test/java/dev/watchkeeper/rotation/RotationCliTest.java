package dev.watchkeeper.rotation;

import dev.watchkeeper.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper rotation ...} through the real command line. */
class RotationCliTest {

    @TempDir
    Path dir;

    @Test
    void createJoinShowOverrideSwapAndRefusals() {
        Path db = dir.resolve("wk.db");
        Cli.Result r = Cli.run(db, "rotation", "create", "ml", "--members", "alice,bob", "--zone", "Europe/London",
                "--channel", "#ml-oncall", "--as", "alice");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Created rotation ml."), r.out());
        assertTrue(r.out().contains("1. alice") && r.out().contains("2. bob"), r.out());

        r = Cli.run(db, "rotation", "join", "ml", "--as", "carol");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("carol joined ml as a shadow for 2 shifts.", r.out().strip());

        r = Cli.run(db, "rotation", "show", "ml");
        assertTrue(r.out().contains("3. carol (shadow, 2 shifts left)"), r.out());
        assertTrue(r.out().contains("shadows: carol"), r.out());

        r = Cli.run(db, "rotation", "override", "ml", "dave", "2030-01-01", "2030-01-02", "--as", "mallory");
        assertEquals(1, r.exitCode());
        assertEquals("error: mallory may not override rotation ml: only its members and admins may", r.err().strip());

        r = Cli.run(Map.of("watchkeeper.admins", "root"), db, "rotation", "override", "ml", "dave", "2030-01-01", "2030-01-02", "--as", "root");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("dave covers ml from Tue 1 Jan 2030 00:00 Europe/London"), r.out());

        r = Cli.run(db, "rotation", "override", "ml", "dave", "soon", "later", "--as", "alice");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("error: from: is not a date or time: 'soon'"), r.err());
        assertTrue(r.err().contains("error: to: is not a date or time: 'later'"), r.err());

        r = Cli.run(db, "rotation", "create", "x", "--members", "alice", "--zone", "Nowhere/Land", "--shift-days", "0", "--as", "alice");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("error: shiftDays:") && r.err().contains("error: zone:"), r.err());

        r = Cli.run(db, "rotation", "schedule", "nope");
        assertEquals(1, r.exitCode());
        assertEquals("error: rotation 'nope' does not exist (known: ml)", r.err().strip());

        r = Cli.run(db, "rotation", "list");
        assertTrue(r.out().startsWith("ml: "), r.out());
        r = Cli.run(db, "rotation", "readiness", "ml");
        assertTrue(r.out().contains("no shadow has received a paged alert yet"), r.out());
        r = Cli.run(db, "rotation", "--help");
        assertEquals(0, r.exitCode());
        for (String sub : new String[]{"create", "list", "show", "schedule", "join", "leave", "override", "swap",
                "confirm", "graduate", "extend", "shadow", "readiness", "now", "handoff", "calendar", "guess"}) {
            assertTrue(r.out().contains("  " + sub), sub + " in " + r.out());
        }
    }
}
