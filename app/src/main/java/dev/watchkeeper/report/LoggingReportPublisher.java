package dev.watchkeeper.report;

import dev.watchkeeper.db.report.ReportRow;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without Slack, reports stay in the database (HTTP and CLI read them there); this only logs. */
@Singleton
@Secondary
public class LoggingReportPublisher implements ReportPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingReportPublisher.class);

    @Override
    public void sendDraft(ReportRow report) {
        LOG.info("report {} drafted ({}): {}", report.id(), report.kind(), report.title());
    }

    @Override
    public void publish(ReportRow report, java.util.function.Supplier<byte[]> chart) {
        LOG.info("report {} published by {}: {}", report.id(), report.publishedBy(), report.title());
    }
}
