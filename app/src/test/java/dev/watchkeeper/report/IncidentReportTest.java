package dev.watchkeeper.report;

import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The post-incident report of one item from the recorded shift. */
class IncidentReportTest {

    @TempDir
    Path dir;

    @Test
    void incidentReportHasTimelineRootCauseFollowUpsAndPlaybook() {
        // The starter playbooks at the top of the repository (tests run in app/).
        try (TestApp app = TestApp.start(dir, Map.of("watchkeeper.playbooks.dir", "../playbooks",
                "watchkeeper.base-url", "https://example.test"))) {
            RecordedShift shift = new RecordedShift(app);
            ReportRow r = app.bean(ReportService.class).draftIncident(shift.trainingJob, "alice");
            assertEquals("""
                    # Incident report: #2 TrainingJobFailed on trainer

                    ## Summary

                    Critical alert TrainingJobFailed started Mon 2 Mar 09:05 UTC and was resolved Mon 2 Mar 09:40, after 35 min. It paged the on-call engineer. alice acted on it.

                    ## Impact

                    - Duration: 35 min.
                    - Alerts: 1 alert, 1 firing.
                    - Services: trainer.

                    ## Timeline

                    - Mon 2 Mar 09:05: First alert: TrainingJobFailed.
                    - Mon 2 Mar 09:05: Paged (severity critical ≥ error; no live model yet).
                    - Mon 2 Mar 09:08: alice acknowledged: “looking at the trainer logs”.
                    - Mon 2 Mar 09:40: alice acted: “Restarted the job after fixing the bucket permissions. Root cause: the service account lost write access. TODO: alert on bucket permission changes.”

                    ## What was done

                    - alice acknowledged: “looking at the trainer logs”.
                    - alice acted: “Restarted the job after fixing the bucket permissions. Root cause: the service account lost write access. TODO: alert on bucket permission changes.”

                    ## Root cause

                    - Root cause: the service account lost write access.

                    ## Follow-ups

                    - [ ] TODO: alert on bucket permission changes.

                    ## Playbook

                    - [TrainingJobFailed — owner ml-platform](https://example.test/playbooks/TrainingJobFailed)
                    """, r.body());
            assertEquals("incident", r.kind());
            assertEquals(shift.trainingJob, r.itemId());
        }
    }

    @Test
    void anOpenItemWithoutNotesSaysWhatIsMissing() {
        try (TestApp app = TestApp.start(dir)) {
            RecordedShift shift = new RecordedShift(app);
            String body = app.bean(ReportService.class).draftIncident(shift.labelDelay, "bob").body();
            assertEquals("""
                    # Incident report: #1 labels 6 h late on feedback

                    ## Summary

                    Warning alert LabelDelay started Sun 1 Mar 20:00 UTC. It is still open, 1 d 14 h later.

                    ## Impact

                    - Duration: 1 d 14 h so far.
                    - Alerts: 1 alert, 1 firing.
                    - Services: feedback.

                    ## Timeline

                    - Sun 1 Mar 20:00: First alert: LabelDelay.

                    ## What was done

                    Nothing was recorded beyond the timeline above.

                    ## Root cause

                    Not noted yet. Add it before publishing.
                    """, body);
        }
    }
}
