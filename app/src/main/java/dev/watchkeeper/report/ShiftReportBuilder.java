package dev.watchkeeper.report;

import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.report.RecordStore;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.report.WindowOccurrence;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemState;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the record of a shift (items, alerts, occurrences, actions, scores, lanes) into a {@link ShiftReport}. */
@Singleton
public class ShiftReportBuilder {


    private final Database db;
    private final RecordStore record;
    private final TriageStore triage;
    private final ReadinessSource readiness;
    private final ReportConfig config;

    public ShiftReportBuilder(Database db, RecordStore record, TriageStore triage, ReadinessSource readiness,
                              ReportConfig config) {
        this.db = db;
        this.record = record;
        this.triage = triage;
        this.readiness = readiness;
        this.config = config;
    }

    public ShiftReport build(ShiftWindow w) {
        return db.read(dsl -> build(dsl, w));
    }

    private ShiftReport build(DSLContext dsl, ShiftWindow w) {
        List<WindowOccurrence> occurrences = record.occurrencesBetween(dsl, w.start(), w.end());
        List<Item> touched = record.itemsTouched(dsl, w.start(), w.end()).stream().map(Item::of).toList();
        Set<Integer> withAlerts = occurrences.stream().map(WindowOccurrence::itemId).collect(Collectors.toSet());
        List<Item> inVolume = touched.stream()
                .filter(i -> withAlerts.contains(i.id()) || inWindow(i.createdAt(), w))
                .toList();
        int paged = (int) inVolume.stream().filter(Item::paged).count();
        ShiftReport.Volume volume = new ShiftReport.Volume(occurrences.size(),
                (int) occurrences.stream().map(WindowOccurrence::alertname).distinct().count(),
                inVolume.size(), paged, inVolume.size() - paged);

        List<ShiftReport.Issue> issues = new ArrayList<>();
        long ackTotal = 0;
        int ackCount = 0;
        long resolveTotal = 0;
        int resolveCount = 0;
        for (Item item : touched) {
            List<ActionRow> actions = triage.actions(dsl, item.id());
            if (inWindow(item.createdAt(), w)) {
                var firstResponse = actions.stream().filter(a -> ActionKind.parse(a.kind()).filter(ActionKind::isVerdict).isPresent())
                        .findFirst();
                if (firstResponse.isPresent()) {
                    ackTotal += Duration.between(item.createdAt(), firstResponse.get().at()).toMillis();
                    ackCount++;
                }
                if (item.state() == ItemState.RESOLVED && item.closedAt() != null) {
                    resolveTotal += Duration.between(item.createdAt(), item.closedAt()).toMillis();
                    resolveCount++;
                }
            }
            List<ActionRow> inShift = actions.stream().filter(a -> inWindow(a.at(), w)).toList();
            boolean acted = inShift.stream().anyMatch(a -> ActionKind.ACTED.is(a.kind()));
            List<String> reasons = new ArrayList<>();
            if (acted) {
                reasons.add("acted on");
            }
            if (item.score() != null && item.score() >= config.majorScore()) {
                reasons.add(String.format(java.util.Locale.ROOT, "scored %.2f", item.score()));
            }
            Instant until = item.closedAt() != null && item.closedAt().isBefore(w.end()) ? item.closedAt() : w.end();
            Duration open = Duration.between(item.createdAt(), until);
            // An item dismissed as noise was not an issue, however long it waited.
            if (open.compareTo(config.majorDuration()) >= 0 && item.state() != ItemState.NOISE) {
                reasons.add((item.closedAt() == null || !item.closedAt().isBefore(w.end()) ? "open for over " : "open for ")
                        + Words.duration(open));
            }
            if (reasons.isEmpty()) {
                continue;
            }
            List<WindowOccurrence> itemOccurrences = record.occurrencesOfItem(dsl, item.id());
            List<ShiftReport.Fix> fixes = actions.stream()
                    .filter(a -> (ActionKind.ACTED.is(a.kind()) || ActionKind.NOTE.is(a.kind())) && a.note() != null
                            && !a.note().isBlank())
                    .filter(a -> !(item.manual() && a.equals(actions.getFirst())))
                    .map(a -> new ShiftReport.Fix(a.actor(),
                            dev.watchkeeper.core.Bounds.cut(Words.oneLine(a.note()), dev.watchkeeper.core.Bounds.LONGEST_QUOTE)))
                    .toList();
            issues.add(new ShiftReport.Issue(item, reasons, itemOccurrences.size(),
                    Timeline.of(item, itemOccurrences, actions, new Words(java.time.ZoneId.of(config.zone()))),
                    fixes, acted));
        }

        Set<Integer> actedItems = record.actedItems(dsl, withAlerts);
        Map<String, List<WindowOccurrence>> byName = new LinkedHashMap<>();
        for (WindowOccurrence o : occurrences) {
            byName.computeIfAbsent(o.alertname(), k -> new ArrayList<>()).add(o);
        }
        List<ShiftReport.NoisyAlert> noisiest = byName.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> new ShiftReport.NoisyAlert(e.getKey(), e.getValue().size(),
                        (int) e.getValue().stream().map(WindowOccurrence::itemId).distinct().count(),
                        (int) e.getValue().stream().filter(o -> actedItems.contains(o.itemId())).count()))
                .sorted(Comparator.comparingInt(ShiftReport.NoisyAlert::firings).reversed()
                        .thenComparing(ShiftReport.NoisyAlert::alertname))
                .limit(config.noisiest())
                .toList();

        List<Item> handedOver = record.itemsOpenAt(dsl, w.end()).stream().map(Item::of).toList();
        return new ShiftReport(w, volume, issues,
                ackCount == 0 ? null : Duration.ofMillis(ackTotal / ackCount), ackCount,
                resolveCount == 0 ? null : Duration.ofMillis(resolveTotal / resolveCount), resolveCount,
                noisiest, w.shadows().isEmpty() ? List.of() : readiness.readiness(w), handedOver);
    }

    private static boolean inWindow(Instant t, ShiftWindow w) {
        return !t.isBefore(w.start()) && t.isBefore(w.end());
    }
}
