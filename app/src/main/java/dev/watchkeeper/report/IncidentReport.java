package dev.watchkeeper.report;

import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The facts of one incident (one triage item): what the post-incident report is drafted from.
 *
 * @param end       when it was resolved, or null while it is open
 * @param duration  from the first alert to the resolution (or to now while open)
 * @param done      actions that changed something or said something (acted, noise, notes)
 * @param rootCause sentences from notes that name a cause
 * @param followUps sentences from notes marked as follow-ups or TODO
 * @param playbooks context lines labelled as a playbook
 */
public record IncidentReport(Item item, Instant start, Instant end, Duration duration, int alerts, int firings,
                             List<String> alertnames, List<String> services, List<Timeline.Entry> timeline,
                             List<ActionRow> done, List<String> rootCause, List<String> followUps,
                             List<ItemContext.Line> playbooks) {

    static final Pattern CAUSE = Pattern.compile("\\b(root cause|caused by|cause was|cause:|because)\\b",
            Pattern.CASE_INSENSITIVE);
    static final Pattern FOLLOW_UP = Pattern.compile("\\b(todo|follow[- ]?ups?|action items?)\\b",
            Pattern.CASE_INSENSITIVE);

    /** The sentences (or lines) of notes that match, each once, in order. */
    static List<String> sentences(List<ActionRow> actions, Pattern pattern) {
        return actions.stream()
                .filter(a -> a.note() != null)
                .flatMap(a -> Pattern.compile("(?<=[.!?])\\s+|\\R").splitAsStream(a.note().strip()))
                .map(String::strip)
                .filter(s -> !s.isEmpty() && pattern.matcher(s).find())
                .map(s -> dev.watchkeeper.core.Bounds.cut(s, dev.watchkeeper.core.Bounds.LONGEST_QUOTE))
                .distinct()
                .toList();
    }

    static boolean isPlaybook(ItemContext.Line line) {
        // Only a playbook that matched (it has a link); "no playbook matches" is a hint for the item view.
        return line.label() != null && line.label().toLowerCase(Locale.ROOT).contains("playbook") && line.url() != null;
    }
}
