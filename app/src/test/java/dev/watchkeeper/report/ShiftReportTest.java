package dev.watchkeeper.report;

import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden tests: the Markdown drafted from a recorded shift and from an empty one. */
class ShiftReportTest {

    @TempDir
    Path dir;
    TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(dir, Map.of("test.reports.readiness", "true", "test.reports.recording", "true"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void recordedShiftReadsLikeAPersonWroteIt() {
        new RecordedShift(app);
        ReportRow r = app.bean(ReportService.class).draftShift(RecordedShift.WINDOW, "alice");
        assertEquals("""
                # Shift report: ml, Mon 2 Mar 09:00 to Tue 3 Mar 09:00 UTC

                On call: alice (primary) and bob (shadow).
                5 alerts fired (3 alert names) on 3 items. 1 paged and 2 stayed in the quiet lane.
                2 items were major enough to describe below.
                Mean time to acknowledge was 1 h 32 min over 3 items. Mean time to resolve was 35 min over 1 item.

                ## Major issues

                ### #2 TrainingJobFailed on trainer

                Critical, fired once. Major because it was acted on.

                - Mon 2 Mar 09:05: First alert: TrainingJobFailed.
                - Mon 2 Mar 09:05: Paged (severity critical ≥ error; no live model yet).
                - Mon 2 Mar 09:08: alice acknowledged: “looking at the trainer logs”.
                - Mon 2 Mar 09:40: alice acted: “Restarted the job after fixing the bucket permissions. Root cause: the service account lost write access. TODO: alert on bucket permission changes.”

                How it was fixed: Restarted the job after fixing the bucket permissions. Root cause: the service account lost write access. TODO: alert on bucket permission changes (alice).

                ### #4 PredictionDriftHigh on ranker

                Warning, fired once. Major because it was open for over 17 h.

                - Mon 2 Mar 16:00: First alert: PredictionDriftHigh.
                - Mon 2 Mar 16:30: bob acknowledged.

                It was acknowledged and is still open.

                ## Noisiest alerts

                - FeatureNullRateHigh fired 3 times on 1 item; none of these firings was acted on.

                ## Shadow readiness

                - bob: Answered 1 of 1 prompts and chose what the primary did.

                ## Handed to the next shift

                2 items are still open.

                - #1 labels 6 h late on feedback: open, warning, score 0.10, 1 d 13 h old.
                - #4 PredictionDriftHigh on ranker: acknowledged, warning, score 0.07, 17 h old.
                """, r.body());
        assertEquals("Shift report: ml, Mon 2 Mar 09:00 to Tue 3 Mar 09:00 UTC", r.title());
        assertEquals("draft", r.state());
        assertEquals(List.of("bob"), r.shadows());
        assertEquals(List.of("draft " + r.id() + " draft"), app.bean(TestReportBeans.RecordingPublisher.class).sent);
    }

    @Test
    void anEmptyShiftGetsAShortHonestReport() {
        ShiftWindow w = new ShiftWindow(null, Instant.parse("2026-02-23T09:00:00Z"), Instant.parse("2026-03-02T09:00:00Z"),
                "carol", List.of());
        ReportRow r = app.bean(ReportService.class).draftShift(w, "carol");
        assertEquals("""
                # Shift report, Mon 23 Feb 09:00 to Mon 2 Mar 09:00 UTC

                On call: carol (primary).
                A quiet shift: no alerts fired, nobody opened an item and nothing was left open.
                """, r.body());
    }

    @Test
    void aShiftWithAlertsButNoMajorIssuesSaysSoAndHandsNothingOver() {
        app.http().postJson("/api/alerts", "{\"alertname\": \"LabelDelay\", \"severity\": \"info\", \"service\": \"feedback\"}");
        app.bean(dev.watchkeeper.triage.AlertPipeline.class).drain();
        app.clock().advance(java.time.Duration.ofMinutes(10));
        int item = app.http().get("/api/queue").json().get("items").get(0).get("id").asInt();
        app.http().postJson("/api/items/" + item + "/actions", "{\"action\": \"noise\", \"by\": \"dan\"}");
        ShiftWindow w = new ShiftWindow(null, Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-02T10:00:00Z"),
                null, List.of());
        assertEquals("""
                # Shift report, Mon 2 Mar 08:00 to Mon 2 Mar 10:00 UTC

                1 alert fired (1 alert name) on 1 item. None paged; all stayed in the quiet lane.
                There were no major issues.
                Mean time to acknowledge was 10 min over 1 item.

                ## Handed to the next shift

                Nothing. Every item was closed by the end of the shift.
                """, app.bean(ReportService.class).renderShift(w));
    }

    @Test
    void aBusyShiftDescribesTheMostImportantIssuesAndNamesTheRest() {
        for (int i = 0; i < 11; i++) {
            app.http().postJson("/api/alerts", "{\"alertname\": \"ServingErrors" + i + "\", \"severity\": \"critical\"}");
        }
        app.bean(dev.watchkeeper.triage.AlertPipeline.class).drain();
        // Open longer than the major-duration threshold (2 h), so every item is a major issue.
        app.clock().advance(java.time.Duration.ofMinutes(130));
        app.http().postJson("/api/items/11/actions", "{\"action\": \"acted\", \"by\": \"alice\", \"note\": \"rolled back\"}");
        ShiftWindow w = new ShiftWindow(null, RecordedShift.START, RecordedShift.START.plusSeconds(3 * 3600), "alice", List.of());
        String md = app.bean(ReportService.class).renderShift(w);
        assertEquals(ShiftReportMarkdown.ISSUE_LIMIT, md.split("\n### ", -1).length - 1, md);
        assertTrue(md.contains("\n### #11 ServingErrors10\n"), "the acted-on item is among those described");
        assertTrue(md.contains("\n11 items were major; the 8 most important are described below.\n"), md);
        assertTrue(md.contains("\nAlso major, not described here: #8, #9, #10.\n"), md);
    }
}
