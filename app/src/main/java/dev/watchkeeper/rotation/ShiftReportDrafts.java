package dev.watchkeeper.rotation;

import dev.watchkeeper.db.report.ReportRow;
import dev.watchkeeper.report.ReportService;
import dev.watchkeeper.report.ShiftWindow;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Drafts the end-of-shift report at handoff (which sends the draft to the outgoing primary) and gives
 * the handoff its link. A shift already drafted is not drafted again.
 */
@Singleton
public class ShiftReportDrafts {

    public static final String ACTOR = "watchkeeper";
    private static final Logger LOG = LoggerFactory.getLogger(ShiftReportDrafts.class);

    private final ReportService reports;
    private final RotationSettings settings;

    public ShiftReportDrafts(ReportService reports, RotationSettings settings) {
        this.reports = reports;
        this.settings = settings;
    }

    /** The report of the shift that ended, drafted now unless one exists; empty when drafting failed. */
    public Optional<ReportRow> draft(ShiftWindow shift) {
        try {
            Optional<ReportRow> existing = reports.shiftReport(shift.rotation(), shift.start(), shift.end());
            if (existing.isPresent()) {
                return existing;
            }
            return Optional.of(reports.draftShift(shift, ACTOR));
        } catch (RuntimeException e) {
            // The handoff still goes out; the report can be drafted by hand (`watchkeeper report shift`).
            LOG.error("could not draft the report of {} {}–{}", shift.rotation(), shift.start(), shift.end(), e);
            return Optional.empty();
        }
    }

    public String link(ReportRow report) {
        return settings.baseUrl() + "/api/reports/" + report.id() + "/report.md";
    }
}
