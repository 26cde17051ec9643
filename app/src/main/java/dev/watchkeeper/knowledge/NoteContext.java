package dev.watchkeeper.knowledge;

import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.knowledge.NoteRow;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemContext;
import jakarta.inject.Singleton;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Shows what people noted about an item's alerts wherever the item appears: the alert message, the shadow's
 * copy, the item view and {@code /triage why}. Notes about the same group come first, then the most often seen.
 */
@Singleton
public class NoteContext implements ItemContext {

    public static final String LABEL = "Note";
    static final int LIMIT = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final KnowledgeService knowledge;

    public NoteContext(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public List<Line> linesFor(Item item, List<AlertRow> alerts) {
        Set<String> names = new LinkedHashSet<>();
        for (AlertRow a : alerts) {
            names.add(a.alertname());
        }
        return knowledge.notesFor(names).stream()
                .sorted(Comparator.comparing((NoteRow n) -> !item.groupKey().equals(n.groupKey()))
                        .thenComparing(Comparator.comparingInt(NoteRow::seenCount).reversed()))
                .limit(LIMIT)
                .map(n -> new Line(LABEL, describe(n), null))
                .toList();
    }

    /** "Restart the feature job; the upstream join drops rows (alice, 2 Mar 2026; noted 3 times)". */
    static String describe(NoteRow n) {
        return n.text().strip() + " (" + n.author() + ", " + DAY.format(n.createdAt())
                + (n.seenCount() > 1 ? "; noted " + n.seenCount() + " times" : "") + ")";
    }

    @Override
    public int getOrder() {
        return 30;
    }
}
