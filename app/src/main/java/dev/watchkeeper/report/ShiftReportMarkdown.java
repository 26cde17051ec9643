package dev.watchkeeper.report;

import dev.watchkeeper.triage.Item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Words a shift report the way a person would: a few short sentences up front, then only the sections
 * that have something to say.
 */
public final class ShiftReportMarkdown {

    static final int HANDOVER_LIMIT = 10;
    static final int ISSUE_LIMIT = 8;

    private final Words words;

    public ShiftReportMarkdown(Words words) {
        this.words = words;
    }

    public String title(ShiftWindow w) {
        return "Shift report" + (w.rotation() == null ? "" : ": " + w.rotation())
                + ", " + words.time(w.start()) + " to " + words.time(w.end()) + " " + words.zoneName();
    }

    public String render(ShiftReport r) {
        StringBuilder md = new StringBuilder();
        ShiftWindow w = r.window();
        md.append("# ").append(title(w)).append("\n\n");
        String people = people(w);
        if (!people.isEmpty()) {
            md.append(people).append('\n');
        }
        if (r.quiet()) {
            md.append("A quiet shift: no alerts fired, nobody opened an item and nothing was left open.\n");
            return md.toString();
        }
        md.append(volume(r.volume())).append('\n');
        if (r.issues().isEmpty()) {
            md.append("There were no major issues.\n");
        } else {
            md.append(Words.capital(Words.count(r.issues().size(), "item was", "items were"))
                    + (r.issues().size() <= ISSUE_LIMIT ? " major enough to describe below.\n"
                    : " major; the " + ISSUE_LIMIT + " most important are described below.\n"));
        }
        String times = times(r);
        if (!times.isEmpty()) {
            md.append(times).append('\n');
        }

        if (!r.issues().isEmpty()) {
            md.append("\n## Major issues\n");
            // A busy week keeps the report readable: the most important issues in full, in the order they
            // happened, the rest by number.
            List<ShiftReport.Issue> top = r.issues().stream()
                    .sorted(java.util.Comparator.comparing((ShiftReport.Issue i) -> !i.acted())
                            .thenComparing(i -> -(i.item().score() == null ? 0 : i.item().score())))
                    .limit(ISSUE_LIMIT)
                    .toList();
            List<ShiftReport.Issue> rest = new ArrayList<>();
            for (ShiftReport.Issue issue : r.issues()) {
                if (top.contains(issue)) {
                    issue(md, issue);
                } else {
                    rest.add(issue);
                }
            }
            if (!rest.isEmpty()) {
                List<String> ids = rest.stream().limit(30).map(i -> "#" + i.item().id()).toList();
                md.append("\nAlso major, not described here: ").append(String.join(", ", ids))
                        .append(rest.size() > ids.size() ? " and " + (rest.size() - ids.size()) + " more" : "")
                        .append(".\n");
            }
        }
        if (!r.noisiest().isEmpty()) {
            md.append("\n## Noisiest alerts\n\n");
            for (ShiftReport.NoisyAlert n : r.noisiest()) {
                md.append("- ").append(n.alertname()).append(" fired ").append(Words.times(n.firings())).append(" on ")
                        .append(Words.count(n.items(), "item", "items")).append("; ")
                        .append(n.actedFirings() == 0 ? "none of these firings was acted on"
                                : "acted on " + n.actedFirings() + " of " + n.firings() + " ("
                                + Words.percent(n.actedFirings(), n.firings()) + ")")
                        .append(".\n");
            }
        }
        if (!r.readiness().isEmpty()) {
            md.append("\n## Shadow readiness\n\n");
            for (ReadinessSource.ShadowReadiness s : r.readiness()) {
                md.append("- ").append(s.shadow()).append(": ").append(Words.oneLine(s.summary())).append('\n');
            }
        }
        md.append("\n## Handed to the next shift\n\n");
        if (r.handedOver().isEmpty()) {
            md.append("Nothing. Every item was closed by the end of the shift.\n");
        } else {
            md.append(Words.capital(Words.count(r.handedOver().size(), "item is", "items are")))
                    .append(" still open.\n\n");
            for (Item i : r.handedOver().subList(0, Math.min(HANDOVER_LIMIT, r.handedOver().size()))) {
                md.append("- ").append(handover(i, w.end())).append('\n');
            }
            if (r.handedOver().size() > HANDOVER_LIMIT) {
                md.append("- And ").append(r.handedOver().size() - HANDOVER_LIMIT).append(" more in the queue.\n");
            }
        }
        return md.toString();
    }

    private static String people(ShiftWindow w) {
        List<String> parts = new ArrayList<>();
        if (w.primary() != null) {
            parts.add(w.primary() + " (primary)");
        }
        for (String s : w.shadows()) {
            parts.add(s + " (shadow)");
        }
        return parts.isEmpty() ? "" : "On call: " + Words.and(parts) + ".";
    }

    private static String volume(ShiftReport.Volume v) {
        if (v.alerts() == 0) {
            return "No alerts fired." + (v.items() == 0 ? "" : " " + Words.capital(Words.count(v.items(), "item was", "items were")) + " opened by hand.");
        }
        String s = Words.capital(Words.count(v.alerts(), "alert", "alerts")) + " fired ("
                + Words.count(v.alertNames(), "alert name", "alert names") + ") on "
                + Words.count(v.items(), "item", "items") + ".";
        if (v.paged() == 0) {
            return s + " None paged; all stayed in the quiet lane.";
        }
        return s + " " + v.paged() + " paged and " + v.quiet() + " stayed in the quiet lane.";
    }

    private static String times(ShiftReport r) {
        List<String> parts = new ArrayList<>();
        if (r.mtta() != null) {
            parts.add("Mean time to acknowledge was " + Words.duration(r.mtta()) + " over "
                    + Words.count(r.mttaItems(), "item", "items") + ".");
        }
        if (r.mttr() != null) {
            parts.add("Mean time to resolve was " + Words.duration(r.mttr()) + " over "
                    + Words.count(r.mttrItems(), "item", "items") + ".");
        }
        return String.join(" ", parts);
    }

    private void issue(StringBuilder md, ShiftReport.Issue issue) {
        Item item = issue.item();
        md.append("\n### ").append(heading(item)).append("\n\n");
        md.append(Words.capital(item.severity().wire())).append(", ");
        md.append(issue.firings() == 0 ? "reported by hand" : "fired " + Words.times(issue.firings()));
        md.append(". Major because it was ").append(Words.and(issue.reasons())).append(".\n\n");
        for (Timeline.Entry e : issue.timeline()) {
            md.append("- ").append(words.time(e.at())).append(": ").append(e.text()).append('\n');
        }
        md.append('\n');
        if (!issue.fixes().isEmpty()) {
            List<String> fixes = issue.fixes().stream()
                    .map(f -> Words.capital(f.text().replaceAll("[.\\s]+$", "")) + " (" + f.actor() + ").")
                    .toList();
            md.append(issue.acted() ? "How it was fixed: " : "Notes: ").append(String.join(" ", fixes)).append('\n');
        } else if (issue.acted()) {
            md.append("It was acted on, but nobody wrote down how.\n");
        } else {
            md.append(state(item)).append('\n');
        }
    }

    private static String state(Item item) {
        return switch (item.state()) {
            case RESOLVED -> "It was resolved.";
            case NOISE -> "It was dismissed as noise.";
            case ACKNOWLEDGED -> "It was acknowledged and is still open.";
            case OPEN -> "Nobody has acted on it yet.";
        };
    }

    static String heading(Item item) {
        String title = Words.oneLine(item.title());
        boolean service = item.service() != null && !title.toLowerCase(Locale.ROOT).contains(item.service().toLowerCase(Locale.ROOT));
        return "#" + item.id() + " " + title + (service ? " on " + item.service() : "");
    }

    private static String handover(Item i, Instant end) {
        List<String> facts = new ArrayList<>();
        facts.add(i.state().wire());
        facts.add(i.severity().wire());
        if (i.score() != null) {
            facts.add(String.format(Locale.ROOT, "score %.2f", i.score()));
        }
        facts.add(Words.duration(java.time.Duration.between(i.createdAt(), end)) + " old");
        if (i.assignee() != null) {
            facts.add("assigned to " + i.assignee());
        }
        return heading(i) + ": " + String.join(", ", facts) + ".";
    }
}
