package dev.watchkeeper.report;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.NotFoundException;
import dev.watchkeeper.db.report.ReportRow;
import jakarta.inject.Singleton;

/**
 * {@code /report shift [rotation]} and {@code /report incident ITEM}, surface-neutral: takes the actor and the
 * command text, drafts, and returns the reply. The draft itself reaches the primary through {@link ReportPublisher}.
 */
@Singleton
public class ReportCommands {

    public static final String USAGE = "Usage: /report shift [rotation] drafts the report of the last shift; "
            + "/report incident ITEM drafts a post-incident report for an item.";

    private final ReportService reports;

    public ReportCommands(ReportService reports) {
        this.reports = reports;
    }

    public String handle(String actorHandle, String text) {
        String[] words = text == null ? new String[0] : text.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || "help".equals(words[0])) {
            return USAGE;
        }
        try {
            switch (words[0]) {
                case "shift" -> {
                    if (words.length > 2) {
                        return "Too many words. " + USAGE;
                    }
                    ShiftWindow w = reports.lastShift(words.length == 2 ? words[1] : null, actorHandle);
                    return drafted(reports.draftShift(w, actorHandle));
                }
                case "incident" -> {
                    if (words.length != 2 || !words[1].matches("#?\\d+")) {
                        return "Which item? " + USAGE;
                    }
                    return drafted(reports.draftIncident(Integer.parseInt(words[1].replace("#", "")), actorHandle));
                }
                default -> {
                    return "Unknown report '" + words[0] + "'. " + USAGE;
                }
            }
        } catch (BadInputException | NotFoundException e) {
            return "No report drafted: " + e.getMessage() + ".";
        }
    }

    private static String drafted(ReportRow r) {
        return "Drafted report " + r.id() + ": " + r.title() + ". It was sent privately to "
                + (r.primary() != null ? r.primary() : r.createdBy()) + " to edit and publish.";
    }
}
