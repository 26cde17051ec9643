package dev.watchkeeper.report;

import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watchkeeper report ...} and {@code watchkeeper note ...} on a recorded shift. */
class ReportCliTest {

    @TempDir
    Path dir;

    @Test
    void shiftIncidentEditPublishFromTheCommandLine() throws Exception {
        int trainingJob;
        try (TestApp app = TestApp.start(dir)) {
            trainingJob = new RecordedShift(app).trainingJob;
        }
        Path db = dir.resolve("watchkeeper.db");
        Cli.Result shift = Cli.run(db, "report", "shift", "--from", "2026-03-02T09:00:00Z", "--to", "2026-03-03T09:00",
                "--rotation", "ml", "--primary", "alice", "--shadow", "bob", "--by", "alice");
        assertEquals(0, shift.exitCode(), shift.err());
        assertTrue(shift.out().startsWith("# Shift report: ml, Mon 2 Mar 09:00 to Tue 3 Mar 09:00 UTC\n\n"
                + "On call: alice (primary) and bob (shadow).\n"), shift.out());
        assertTrue(shift.err().startsWith("Draft report 1 stored."), shift.err());

        Cli.Result incident = Cli.run(db, "report", "incident", String.valueOf(trainingJob), "--by", "alice");
        assertEquals(0, incident.exitCode(), incident.err());
        assertTrue(incident.out().contains("## Root cause\n\n- Root cause: the service account lost write access.\n"));

        Path edited = dir.resolve("edited.md");
        Files.writeString(edited, "# Shift report: ml\n\nAll calm after the trainer fix.\n");
        assertEquals("Report 1 edited by alice.\n", Cli.run(db, "report", "edit", "1", "--file", edited.toString(), "--by", "alice").out());
        assertEquals("Report 1 published by alice.\n", Cli.run(db, "report", "publish", "1", "--by", "alice").out());
        assertEquals("# Shift report: ml\n\nAll calm after the trainer fix.\n", Cli.run(db, "report", "show", "1").out());
        Cli.Result again = Cli.run(db, "report", "publish", "1", "--by", "bob");
        assertEquals(2, again.exitCode());
        assertEquals("error: state: report 1 was published by alice; a published report does not change\n", again.err());

        Path png = dir.resolve("chart.png");
        assertEquals(0, Cli.run(db, "report", "chart", "1", "--out", png.toString()).exitCode());
        assertEquals(ReportChart.WIDTH, ImageIO.read(png.toFile()).getWidth());

        String list = Cli.run(db, "report", "list").out();
        assertTrue(list.contains("    1  shift     published  Shift report: ml, Mon 2 Mar 09:00 to Tue 3 Mar 09:00 UTC\n"), list);

        Cli.Result bad = Cli.run(db, "report", "shift", "--from", "last tuesday");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("error: from: is not a time: 'last tuesday'"), bad.err());
        assertEquals(1, Cli.run(db, "report", "incident", "999").exitCode());
    }

    @Test
    void emptyDatabaseGivesAQuietReport() {
        Cli.Result r = Cli.run(dir.resolve("empty.db"), "report", "shift", "--preview", "--from", "2026-02-23",
                "--to", "2026-03-02", "--primary", "carol");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("""
                # Shift report, Mon 23 Feb 00:00 to Mon 2 Mar 00:00 UTC

                On call: carol (primary).
                A quiet shift: no alerts fired, nobody opened an item and nothing was left open.
                """, r.out());
    }
}
