package dev.watchkeeper.report;

import dev.watchkeeper.slack.ReportSlash;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /report} as Slack calls it (the Slack user's handle and the text). */
class SlashReportTest {

    @TempDir
    Path dir;

    @Test
    void slashReportDraftsAndAnswersInWords() {
        try (TestApp app = TestApp.start(dir)) {
            RecordedShift shift = new RecordedShift(app);
            ReportSlash slash = app.bean(ReportSlash.class);
            java.util.function.Function<String, String> report = text -> slash.run("alice", text).get("text").asText();
            assertEquals("Drafted report 1: Shift report: ml, Tue 24 Feb 10:00 to Tue 3 Mar 10:00 UTC. "
                    + "It was sent privately to alice to edit and publish.", report.apply("shift ml"));
            assertEquals("Drafted report 2: Incident report: #" + shift.trainingJob + " TrainingJobFailed on trainer. "
                    + "It was sent privately to alice to edit and publish.", report.apply("incident #" + shift.trainingJob));
            assertEquals("item 99 does not exist", report.apply("incident 99"));
            assertTrue(report.apply("incident").startsWith("• Missing required parameter: 'ITEM'"), report.apply("incident"));
            assertTrue(report.apply("weekly").startsWith("• Unknown subcommand `weekly`"));
            assertTrue(report.apply("").startsWith("Usage: /report shift [rotation]"));
            assertTrue(report.apply("shift ml --by mallory").startsWith("• --by: is not taken in Slack"));
            assertTrue(report.apply("shift ml --rotation ml").startsWith("• rotation: give it once"));
            assertEquals(2, app.bean(ReportService.class).list(null, null, 10).size());
        }
    }
}
