package dev.watchkeeper.ranking;

import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.ranking.RankingStore;
import dev.watchkeeper.ingest.IngestService;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemLifecycle;
import dev.watchkeeper.triage.ItemStates;
import jakarta.inject.Singleton;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jooq.DSLContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a history file through the ingestion code path, replaying it in time order as the live system
 * would have seen it: each occurrence fires at its {@code startsAt}, resolves at its {@code endsAt}, and
 * its outcome is recorded as an action at its original time with surface {@code import}. Every line is
 * validated before anything is written; bad lines are reported and skipped, and the good ones are
 * written in one transaction.
 */
@Singleton
public class HistoryImporter {

    private final Database db;
    private final IngestService ingest;
    private final TriageStore triage;
    private final PersonStore people;
    private final RankingStore ranking;
    private final ItemLifecycle lifecycle;

    public HistoryImporter(Database db, IngestService ingest, TriageStore triage, PersonStore people,
                           RankingStore ranking, ItemLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.db = db;
        this.ingest = ingest;
        this.triage = triage;
        this.people = people;
        this.ranking = ranking;
    }

    public record Report(int lines, int imported, int alreadyImported, List<String> rejected) {
    }

    private record Event(Instant at, int order, HistoryLine line) {
    }

    public Report importFile(Path file, PrintStream progress) {
        return importFile(db, file, progress);
    }

    /** Imports into {@code target} (the backtest replays into a scratch database). */
    public Report importFile(Database target, Path file, PrintStream progress) {
        List<HistoryLine> good = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int lines = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String text;
            while ((text = in.readLine()) != null) {
                lines++;
                if (text.isBlank()) {
                    continue;
                }
                HistoryLine.Parsed p = HistoryLine.parse(text);
                if (p.line() == null) {
                    for (FieldError e : p.errors()) {
                        rejected.add(file.getFileName() + ":" + lines + ": " + e.field() + ": " + e.problem());
                    }
                    continue;
                }
                Integer first = seen.putIfAbsent(p.line().id(), lines);
                if (first != null) {
                    rejected.add(file.getFileName() + ":" + lines + ": id: duplicates line " + first);
                    continue;
                }
                good.add(p.line());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return importLines(target, good, lines, rejected, progress);
    }

    Report importLines(Database target, List<HistoryLine> good, int lines, List<String> rejected,
                       PrintStream progress) {
        Set<String> existing = new HashSet<>(target.read(ranking::externalIds));
        List<Event> events = new ArrayList<>();
        int already = 0;
        for (HistoryLine l : good) {
            if (existing.contains(l.id())) {
                already++;
                continue;
            }
            events.add(new Event(l.startsAt(), 0, l));
            if (l.action() != null) {
                events.add(new Event(l.actionAt(), 1, l));
            }
            if (l.endsAt() != null) {
                events.add(new Event(l.endsAt(), 2, l));
            }
        }
        events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::order));
        int imported = good.size() - already;
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(events.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" events", 1);
        if (progress != null) {
            builder.setConsumer(new ConsoleProgressBarConsumer(progress));
        } else {
            builder.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(s -> { }));
        }
        try (ProgressBar bar = builder.build()) {
            target.writeVoid(tx -> {
                Map<String, Integer> personIds = new HashMap<>();
                // The item each line's alert joined when it fired (a line that repeats an episode already
                // open, same fingerprint and start, joins that episode instead of opening an occurrence).
                Map<String, Integer> itemOfLine = new HashMap<>();
                for (Event e : events) {
                    HistoryLine l = e.line();
                    switch (e.order()) {
                        case 0 -> itemOfLine.put(l.id(), ingest.ingest(tx, l.source(), null, l.raw(),
                                List.of(l.firing()), l.startsAt()).alerts().get(0).itemId());
                        case 1 -> decide(tx, l, itemOfLine.get(l.id()), personIds);
                        default -> ingest.ingest(tx, l.source(), null, l.raw(), List.of(l.resolved()), l.endsAt());
                    }
                    bar.step();
                }
            });
        }
        return new Report(lines, imported, already, List.copyOf(rejected));
    }

    private void decide(DSLContext tx, HistoryLine l, int itemId, Map<String, Integer> personIds) {
        Item item = Item.of(triage.find(tx, itemId).orElseThrow());
        Instant at = l.actionAt();
        int action = lifecycle.act(tx, item, ActionKind.of(l.action()), ItemStates.Sender.HISTORY_IMPORT,
                () -> personIds.computeIfAbsent(l.actor(), h -> people.idForHandle(tx, h, at)), "import", at,
                l.note(), null, null).orElseThrow();
        // The line's outcome is the decision on that occurrence: it labels it alone, not its item's others.
        ranking.occurrenceOf(tx, l.id()).ifPresent(occurrence -> ranking.bindDecision(tx, action, occurrence));
    }
}
