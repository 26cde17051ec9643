package dev.watchkeeper.report;

import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.report.RecordStore;
import dev.watchkeeper.db.report.WindowOccurrence;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.ItemDetail;
import dev.watchkeeper.triage.TriageService;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** Reads one item's record into an {@link IncidentReport}. */
@Singleton
public class IncidentReportBuilder {

    private final TriageService triage;
    private final Database db;
    private final RecordStore record;
    private final ReportConfig config;
    private final Clock clock;

    public IncidentReportBuilder(TriageService triage, Database db, RecordStore record, ReportConfig config, Clock clock) {
        this.triage = triage;
        this.db = db;
        this.record = record;
        this.config = config;
        this.clock = clock;
    }

    public IncidentReport build(int itemId) {
        ItemDetail detail = triage.item(itemId);
        List<WindowOccurrence> occurrences = db.read(dsl -> record.occurrencesOfItem(dsl, itemId));
        var item = detail.item();
        Instant start = occurrences.isEmpty() ? item.createdAt() : occurrences.getFirst().startsAt();
        Instant end = item.closedAt();
        Duration duration = Duration.between(start, end != null ? end : clock.instant());
        List<ActionRow> actions = detail.actions();
        List<ActionRow> done = actions.stream()
                .filter(a -> ActionKind.ACTED.is(a.kind()) || ActionKind.NOISE.is(a.kind())
                        || a.note() != null && !a.note().isBlank())
                .filter(a -> !(item.manual() && a.equals(actions.getFirst())))
                .toList();
        return new IncidentReport(item, start, end, duration, detail.alerts().size(), occurrences.size(),
                detail.alerts().stream().map(AlertRow::alertname).distinct().sorted().toList(),
                detail.alerts().stream().map(AlertRow::service).filter(Objects::nonNull).distinct().sorted().toList(),
                Timeline.of(item, occurrences, actions, new Words(ZoneId.of(config.zone()))),
                done,
                IncidentReport.sentences(actions, IncidentReport.CAUSE),
                IncidentReport.sentences(actions, IncidentReport.FOLLOW_UP),
                detail.context().stream().filter(IncidentReport::isPlaybook).toList());
    }
}
