package dev.watchkeeper.rotation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the incoming primary needs at shift change; {@link #toMarkdown()} is the message text. */
public record HandoffSummary(String rotation, ZoneId zone, Instant shiftStart, Instant shiftEnd, String outgoing,
                             List<String> outgoingShadows, String incoming, List<String> incomingShadows,
                             List<ItemLine> open, List<ItemLine> snoozed, List<ActionLine> acted,
                             List<ActionLine> notes, String reportLink) {

    /** An item still waiting ({@code until}: end of its snooze, or null). */
    public record ItemLine(int itemId, String title, dev.watchkeeper.triage.Severity severity,
                           dev.watchkeeper.triage.ItemState state, Instant until) {
    }

    /** An action taken during the shift. */
    public record ActionLine(int itemId, String title, String kind, String actor, Instant at, String note) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("*Handoff for ").append(rotation).append("*: ")
                .append(outgoing == null ? "nobody" : outgoing).append(" → ")
                .append(incoming == null ? "nobody" : incoming);
        if (!incomingShadows.isEmpty()) {
            sb.append(" (shadows: ").append(String.join(", ", incomingShadows)).append(")");
        }
        sb.append("\nShift ").append(when(shiftStart)).append(" – ").append(when(shiftEnd))
                .append(" (").append(zone.getId()).append(")\n");
        sb.append("\n*Open items (").append(open.size()).append(")*\n");
        if (open.isEmpty()) {
            sb.append("• none\n");
        }
        for (ItemLine i : open) {
            sb.append("• #").append(i.itemId()).append(" [").append(i.severity()).append("] ").append(i.title())
                    .append(" (").append(i.state()).append(")\n");
        }
        sb.append("\n*Snoozed (").append(snoozed.size()).append(")*\n");
        if (snoozed.isEmpty()) {
            sb.append("• none\n");
        }
        for (ItemLine i : snoozed) {
            sb.append("• #").append(i.itemId()).append(" ").append(i.title()).append(" until ").append(when(i.until()))
                    .append("\n");
        }
        sb.append("\n*Acted on during the shift (").append(acted.size()).append(")*\n");
        if (acted.isEmpty()) {
            sb.append("• none\n");
        }
        for (ActionLine a : acted) {
            sb.append("• #").append(a.itemId()).append(" ").append(a.title()).append(" — ").append(a.actor());
            if (a.note() != null && !a.note().isBlank()) {
                sb.append(": ").append(a.note());
            }
            sb.append("\n");
        }
        sb.append("\n*Notes left (").append(notes.size()).append(")*\n");
        if (notes.isEmpty()) {
            sb.append("• none\n");
        }
        for (ActionLine a : notes) {
            sb.append("• #").append(a.itemId()).append(" ").append(a.actor()).append(": ").append(a.note()).append("\n");
        }
        sb.append("\nEnd-of-shift report draft: ").append(reportLink).append("\n");
        return sb.toString();
    }

    private String when(Instant t) {
        return WHEN.format(t.atZone(zone));
    }
}
