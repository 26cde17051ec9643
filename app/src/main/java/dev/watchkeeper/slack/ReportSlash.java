package dev.watchkeeper.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.report.ReportCommand;
import dev.watchkeeper.report.ReportService;
import dev.watchkeeper.report.ShiftWindow;
import jakarta.inject.Singleton;

import java.util.Locale;

import static dev.watchkeeper.slack.SlackText.escape;

/**
 * {@code /report shift [ROTATION]} and {@code /report incident ITEM}: parsed by the command line's
 * {@code report shift} and {@code report incident} classes, drafted as the Slack user who sent it. The draft itself
 * reaches the primary through the report publisher; this answers where it went.
 */
@Singleton
public class ReportSlash {

    static final String USAGE = "Usage: /report shift [rotation] drafts the report of the last shift; "
            + "/report incident ITEM drafts a post-incident report for an item. They take the options of "
            + "`./watchkeeper report shift|incident` (`/report shift --help`); you act as yourself.";

    private final ReportService reports;

    public ReportSlash(ReportService reports) {
        this.reports = reports;
    }

    /** Runs {@code /report <text>} as {@code actor} (mentions already turned into handles); always answers. */
    public ObjectNode run(String actor, String text) {
        String t = text == null ? "" : text.strip();
        String[] split = t.split("\\h+", 2);
        String name = split[0].toLowerCase(Locale.ROOT);
        String args = split.length < 2 ? "" : split[1];
        return switch (name) {
            case "", "help" -> SlackAnswer.ephemeral(escape(USAGE));
            case "shift" -> SlashArgs.answer("/report shift", escape(USAGE), () -> shift(actor,
                    SlashArgs.parse(new ReportCommand.Shift(), "/report shift", args)));
            case "incident" -> SlashArgs.answer("/report incident", escape(USAGE), () -> drafted(reports.draftIncident(
                    SlashArgs.parse(new ReportCommand.Incident(), "/report incident", args).item(), actor)));
            default -> SlashArgs.unknown(split[0], escape(USAGE));
        };
    }

    private ObjectNode shift(String actor, ReportCommand.Shift s) {
        ShiftWindow w = s.window(reports, actor);
        return s.preview() ? SlackAnswer.ephemeral(escape(reports.renderShift(w))) : drafted(reports.draftShift(w, actor));
    }

    private static ObjectNode drafted(ReportRow r) {
        return SlackAnswer.ephemeral(escape("Drafted report " + r.id() + ": " + r.title() + ". It was sent privately to "
                + (r.primary() != null ? r.primary() : r.createdBy()) + " to edit and publish."));
    }
}
