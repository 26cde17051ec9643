package dev.watchkeeper.report;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.triage.ItemRow;
import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.triage.ItemContext;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stand-ins for what rotations, playbooks and Slack will provide, so report tests can see them used. */
final class TestReportBeans {

    private TestReportBeans() {
    }

    /** Records what would have gone to Slack. */
    @Singleton
    @Primary
    @Requires(property = "test.reports.recording", value = "true")
    static class RecordingPublisher implements ReportPublisher {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void sendDraft(ReportRow report) {
            sent.add("draft " + report.id() + " " + report.state());
        }

        @Override
        public void publish(ReportRow report, java.util.function.Supplier<byte[]> chart) {
            sent.add("publish " + report.id() + " " + report.state() + " by " + report.publishedBy());
        }
    }

    @Singleton
    @Primary
    @Requires(property = "test.reports.readiness", value = "true")
    static class FixedReadiness implements ReadinessSource {
        @Override
        public List<ShadowReadiness> readiness(ShiftWindow window) {
            return window.shadows().stream()
                    .map(s -> new ShadowReadiness(s, "Answered 1 of 1 prompts and chose what the primary did."))
                    .toList();
        }
    }
}
