package dev.watchkeeper.report;

import dev.watchkeeper.db.report.ReportRow;

/**
 * Delivers reports to people. Slack sends the draft privately to the outgoing primary (with Edit and
 * Publish buttons) and posts the published report, with its chart, to the rotation's channel.
 */
public interface ReportPublisher {

    void sendDraft(ReportRow report);

    /** {@code chart}: the report's chart as a PNG, drawn only when asked for. */
    void publish(ReportRow report, java.util.function.Supplier<byte[]> chart);
}
