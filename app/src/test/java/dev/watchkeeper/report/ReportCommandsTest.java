package dev.watchkeeper.report;

import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /report} as Slack will call it. */
class ReportCommandsTest {

    @TempDir
    Path dir;

    @Test
    void slashReportDraftsAndAnswersInWords() {
        try (TestApp app = TestApp.start(dir)) {
            RecordedShift shift = new RecordedShift(app);
            ReportCommands commands = app.bean(ReportCommands.class);
            assertEquals("Drafted report 1: Shift report: ml, Tue 24 Feb 10:00 to Tue 3 Mar 10:00 UTC. "
                    + "It was sent privately to alice to edit and publish.", commands.handle("alice", "shift ml"));
            assertEquals("Drafted report 2: Incident report: #" + shift.trainingJob + " TrainingJobFailed on trainer. "
                    + "It was sent privately to alice to edit and publish.", commands.handle("alice", "incident #" + shift.trainingJob));
            assertEquals("No report drafted: item 99 does not exist.", commands.handle("alice", "incident 99"));
            assertTrue(commands.handle("alice", "incident").startsWith("Which item?"));
            assertTrue(commands.handle("alice", "weekly").startsWith("Unknown report 'weekly'."));
            assertEquals(ReportCommands.USAGE, commands.handle("alice", ""));
            assertEquals(2, app.bean(ReportService.class).list(null, null, 10).size());
        }
    }
}
