package dev.watchkeeper.ranking;

import dev.watchkeeper.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Right after {@code watchkeeper demo}, {@code watchkeeper report shift} tells the story of the last shift. */
class DemoReportTest {

    @TempDir
    Path dir;

    @Test
    void demoCreatesARotationWithAPrimaryAndAShadowAndTheShiftReportNamesThem() {
        Path db = dir.resolve("wk.db");
        Cli.Result demo = Cli.run(db, "demo", "--days", "21", "--seed", "11", "--no-train");
        assertEquals(0, demo.exitCode(), demo.err());
        assertTrue(demo.out().contains("created rotation ml-demo"), demo.out());

        Cli.Result report = Cli.run(db, "report", "shift");
        assertEquals(0, report.exitCode(), report.err());
        String md = report.out();
        assertTrue(md.startsWith("# Shift report"), md);
        assertTrue(md.contains("alice (primary)"), "the rotation's primary is named:\n" + md);
        assertTrue(md.contains("dana (shadow)"), "the newcomer shadowing is named:\n" + md);
        assertTrue(md.matches("(?s).*\\d+ alerts?.*"), "volume is reported:\n" + md);
        // The window is the demo rotation's shift in progress (handed off three days ago), not "7 days ending now".
        assertTrue(md.lines().findFirst().orElseThrow().matches("# Shift report: ml-demo, \\w{3} \\d+ \\w{3} 09:00 to .*"),
                "the shift starts at the rotation's handoff:\n" + md);

        Cli.Result again = Cli.run(db, "demo", "--days", "21", "--seed", "11", "--no-train");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("rotation ml-demo already exists"), again.out());
    }
}
