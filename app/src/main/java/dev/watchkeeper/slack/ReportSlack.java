package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.report.ReportService;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Edit and Publish buttons of a report draft, and the Edit modal. The modal remembers (in its
 * private metadata) which DM message holds the draft, so saving an edit refreshes that message.
 */
@Singleton
public class ReportSlack implements SlackHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ReportSlack.class);

    private final ReportService reports;
    private final SlackPeople people;
    private final SlackOutbox outbox;
    private final SlackLater later;

    public ReportSlack(ReportService reports, SlackPeople people, SlackOutbox outbox, SlackLater later) {
        this.later = later;
        this.reports = reports;
        this.people = people;
        this.outbox = outbox;
    }

    /** Where the draft message is: the report, and the DM channel and ts of the message with the buttons. */
    record DraftRef(int reportId, String channel, String ts) {
        String encode() {
            return reportId + "|" + (channel == null ? "" : channel) + "|" + (ts == null ? "" : ts);
        }

        static DraftRef decode(String metadata) {
            String[] parts = (metadata == null ? "" : metadata).split("\\|", -1);
            try {
                return new DraftRef(Integer.parseInt(parts[0]), parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null,
                        parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null);
            } catch (NumberFormatException e) {
                throw new BadInputException("report", "the modal names no report");
            }
        }
    }

    @Override
    public void register(App app) {
        app.blockAction(SlackReportBlocks.EDIT_ACTION, (req, ctx) -> {
            onEdit(req.getPayload(), ctx);
            return ctx.ack();
        });
        // Publishing draws the chart; that can take longer than Slack waits, so it happens after the ack.
        app.blockAction(SlackReportBlocks.PUBLISH_ACTION, (req, ctx) ->
                later.ackThen(req.getPayload().getResponseUrl(), "Publishing…", () -> onPublish(req.getPayload())));
        app.viewSubmission(SlackReportBlocks.EDIT_CALLBACK, (req, ctx) -> {
            Map<String, String> errors = onSubmit(req.getPayload());
            return errors.isEmpty() ? ctx.ack() : ctx.ack(r -> r.responseAction("errors").errors(errors));
        });
    }

    void onEdit(BlockActionPayload p, ActionContext ctx) {
        try {
            ReportRow report = reports.get(reportOf(p));
            if (report.published()) {
                throw new BadInputException("state", "report " + report.id() + " was published by "
                        + report.publishedBy() + "; a published report does not change");
            }
            View modal = SlackReportBlocks.editModal(report);
            modal.setPrivateMetadata(new DraftRef(report.id(), channelOf(p), tsOf(p)).encode());
            // trigger_id lasts 3 seconds, so the modal opens now rather than through the outbox.
            var r = ctx.client().viewsOpen(v -> v.triggerId(p.getTriggerId()).view(modal));
            if (!r.isOk()) {
                LOG.warn("views.open for report {} failed: {}", report.id(), r.getError());
                tell(p.getResponseUrl(), SlackText.escape("Slack would not open the editor (" + r.getError() + "); try again."));
            }
        } catch (BadInputException | NotFoundException e) {
            tell(p.getResponseUrl(), SlackAnswer.sentences(e));
        } catch (java.io.IOException | com.slack.api.methods.SlackApiException e) {
            LOG.warn("views.open failed", e);
            tell(p.getResponseUrl(), SlackText.escape("Slack could not be reached to open the editor; try again."));
        }
    }

    /** Publishes the report and turns the DM into the published version; returns the private answer. */
    ObjectNode onPublish(BlockActionPayload p) {
        String actor = people.handle(p.getUser().getId(), p.getUser().getUsername());
        try {
            ReportRow published = reports.publish(reportOf(p), actor);
            String channel = channelOf(p);
            String ts = tsOf(p);
            if (channel != null && ts != null) {
                outbox.updateMessage(channel, ts, SlackText.escape(published.title()),
                        BlockJson.json(SlackReportBlocks.blocks(published)));
            }
            return SlackAnswer.ephemeral("Published: " + SlackText.escape(published.title()));
        } catch (BadInputException | NotFoundException e) {
            return SlackAnswer.ephemeral(SlackAnswer.sentences(e));
        }
    }

    /** Saves the edit; returns the errors to show in the modal by block id (empty when saved). */
    Map<String, String> onSubmit(ViewSubmissionPayload p) {
        DraftRef ref = DraftRef.decode(p.getView().getPrivateMetadata());
        Map<String, String> values = new LinkedHashMap<>();
        if (p.getView().getState() != null && p.getView().getState().getValues() != null) {
            for (Map.Entry<String, Map<String, ViewState.Value>> block : p.getView().getState().getValues().entrySet()) {
                ViewState.Value v = block.getValue().get(SlackReportBlocks.BODY_INPUT);
                if (v != null) {
                    values.put(block.getKey(), v.getValue());
                }
            }
        }
        String actor = people.handle(p.getUser().getId(), p.getUser().getUsername());
        String firstBlock = SlackReportBlocks.BODY_BLOCK_PREFIX + "0";
        try {
            ReportRow edited = reports.edit(ref.reportId(), SlackReportBlocks.editedText(values), actor);
            if (ref.channel() != null && ref.ts() != null) {
                outbox.updateMessage(ref.channel(), ref.ts(), SlackReportPublisher.draftText(edited),
                        BlockJson.json(SlackReportBlocks.draftBlocks(edited)));
            }
            return Map.of();
        } catch (BadInputException | NotFoundException e) {
            return Map.of(firstBlock, SlackAnswer.plain(e));
        }
    }

    private static int reportOf(BlockActionPayload p) {
        String value = p.getActions().getFirst().getValue();
        try {
            return Integer.parseInt(value == null ? "" : value);
        } catch (NumberFormatException e) {
            throw new BadInputException(java.util.List.of(new FieldError("report", "the button names no report")));
        }
    }

    private static String channelOf(BlockActionPayload p) {
        if (p.getContainer() != null && p.getContainer().getChannelId() != null) {
            return p.getContainer().getChannelId();
        }
        return p.getChannel() == null ? null : p.getChannel().getId();
    }

    private static String tsOf(BlockActionPayload p) {
        if (p.getContainer() != null && p.getContainer().getMessageTs() != null) {
            return p.getContainer().getMessageTs();
        }
        return p.getMessage() == null ? null : p.getMessage().getTs();
    }

    /** {@code mrkdwn} is already escaped. */
    private void tell(String responseUrl, String mrkdwn) {
        if (responseUrl != null) {
            outbox.respond(responseUrl, SlackAnswer.followUp(mrkdwn));
        }
    }
}
