package dev.watchkeeper.report;

import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.report.WindowOccurrence;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.Item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What happened to one item, in order: first alert, page, what people did, resolution. */
public final class Timeline {

    /** @param order breaks ties between entries at the same instant (alert, page, actions, resolution) */
    public record Entry(Instant at, int order, String text) {
    }

    private Timeline() {
    }

    public static List<Entry> of(Item item, List<WindowOccurrence> occurrences, List<ActionRow> actions, Words words) {
        List<Entry> out = new ArrayList<>();
        Instant first = occurrences.isEmpty() ? item.createdAt() : occurrences.getFirst().startsAt();
        if (item.manual()) {
            out.add(new Entry(item.createdAt(), 0, "Reported by hand."));
        } else {
            String alertname = occurrences.isEmpty() ? item.title() : occurrences.getFirst().alertname();
            out.add(new Entry(first, 0, "First alert: " + alertname + "."));
            if (occurrences.size() > 1) {
                WindowOccurrence last = occurrences.getLast();
                out.add(new Entry(last.startsAt(), 0, "Last of " + occurrences.size() + " firings began."));
            }
        }
        if (item.pagedAt() != null) {
            out.add(new Entry(item.pagedAt(), 1, "Paged" + (item.laneReason() == null ? "." : " (" + item.laneReason() + ").")));
        }
        for (ActionRow a : actions) {
            if (item.manual() && a.equals(actions.getFirst()) && ActionKind.NOTE.is(a.kind())) {
                continue; // the report text of a manual item is its title, already said
            }
            out.add(new Entry(a.at(), 2, describe(a, words)));
        }
        if (!occurrences.isEmpty() && occurrences.stream().allMatch(o -> o.endsAt() != null) && item.sourceResolved()) {
            Instant stopped = occurrences.stream().map(WindowOccurrence::endsAt).max(Comparator.naturalOrder()).orElseThrow();
            out.add(new Entry(stopped, 3, "Alerts stopped firing."));
        }
        out.sort(Comparator.comparing(Entry::at).thenComparing(Entry::order));
        return out;
    }

    static String describe(ActionRow a, Words words) {
        String note = a.note() == null || a.note().isBlank() ? "" : ": " + Words.quote(a.note());
        return Words.sentence(switch (ActionKind.parse(a.kind()).orElse(null)) {
            case ACK -> a.actor() + " acknowledged" + note;
            case ACTED -> a.actor() + " acted" + note;
            case NOISE -> a.actor() + " dismissed it as noise" + note;
            case SNOOZE -> a.actor() + " snoozed it" + (a.snoozeUntil() == null ? "" : " until " + words.time(a.snoozeUntil())) + note;
            case ASSIGN -> a.actor() + " assigned it to " + a.assignee() + note;
            case NOTE -> a.actor() + " noted" + note;
            case null, default -> a.actor() + " " + a.kind() + note;
        });
    }
}
