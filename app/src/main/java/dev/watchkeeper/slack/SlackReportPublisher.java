package dev.watchkeeper.slack;

import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.db.rotation.RotationRow;
import dev.watchkeeper.report.ReportPublisher;
import dev.watchkeeper.rotation.RotationService;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reports through Slack: the draft goes to the primary's DM with Edit and Publish buttons, the published
 * report to the rotation's channel (or the alerts channel), a shift report with its chart. Every call
 * goes through the outbox.
 */
@Singleton
@Requires(condition = SlackConfigured.class)
public class SlackReportPublisher implements ReportPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SlackReportPublisher.class);

    private final SlackOutbox outbox;
    private final SlackPeople people;
    private final RotationService rotations;
    private final SlackConfig config;

    public SlackReportPublisher(SlackOutbox outbox, SlackPeople people, RotationService rotations, SlackConfig config) {
        this.outbox = outbox;
        this.people = people;
        this.rotations = rotations;
        this.config = config;
    }

    @Override
    public void sendDraft(ReportRow report) {
        String handle = report.primary() != null && !report.primary().isBlank() ? report.primary() : report.createdBy();
        Optional<String> user = handle == null ? Optional.empty() : people.slackUserId(handle);
        if (user.isEmpty()) {
            LOG.info("report {} drafted; {} has no Slack user, so the draft stays in Watchkeeper", report.id(), handle);
            return;
        }
        outbox.postMessage(user.get(), draftText(report), BlockJson.json(SlackReportBlocks.draftBlocks(report)));
    }

    @Override
    public void publish(ReportRow report, Supplier<byte[]> chart) {
        String channel = channel(report);
        if (channel == null) {
            LOG.warn("report {} published, but neither its rotation nor slack.alerts-channel names a channel", report.id());
            return;
        }
        outbox.postMessage(channel, SlackText.escape(report.title()), BlockJson.json(SlackReportBlocks.blocks(report)));
        if ("shift".equals(report.kind())) {
            outbox.uploadFile(channel, "report-" + report.id() + ".png", report.title(),
                    "Alerts over the shift, paged vs quiet", chart.get());
        }
    }

    /** The rotation's channel when it has one, else the alerts channel; null when neither is set. */
    String channel(ReportRow report) {
        if (report.rotation() != null) {
            Optional<String> own = rotations.findRotation(report.rotation()).map(RotationRow::channel)
                    .filter(c -> !c.isBlank());
            if (own.isPresent()) {
                return own.get();
            }
        }
        return config.hasAlertsChannel() ? config.alertsChannel() : null;
    }

    static String draftText(ReportRow report) {
        return "Draft for you to check: " + SlackText.escape(report.title());
    }
}
