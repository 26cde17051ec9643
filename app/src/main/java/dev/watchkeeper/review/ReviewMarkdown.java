package dev.watchkeeper.review;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The review as Markdown: for the terminal, for the team's records, and for the chart's companion in Slack. */
public final class ReviewMarkdown {

    private ReviewMarkdown() {
    }

    public static String render(Review r) {
        return render(r, null);
    }

    /** @param chart a link or file name of the week's chart to embed, or null */
    public static String render(Review r, String chart) {
        StringBuilder md = new StringBuilder();
        md.append("# Weekly triage review ").append(r.week()).append(" (").append(r.label()).append(")\n\n");
        if (chart != null) {
            md.append("![Alerts per day, paged vs quiet](").append(chart).append(")\n\n");
        }
        Review.Health h = r.health();
        Review.Health p = r.previous();
        md.append("## Queue health\n\n| figure | this week | week before |\n|---|---:|---:|\n");
        row(md, "open at the end of the week", h.open(), p.open());
        row(md, "new", h.created(), p.created());
        row(md, "closed", h.closed(), p.closed());
        row(md, "acknowledged but never closed", h.acknowledgedNeverClosed(), p.acknowledgedNeverClosed());
        row(md, "stale (no action for a week)", h.stale(), p.stale());
        md.append("\n");
        if (h.oldestItem() != null) {
            md.append("Oldest open item: #").append(h.oldestItem()).append(" ").append(cell(h.oldestTitle()))
                    .append(", ").append(h.oldestDays()).append(" days old.\n\n");
        }
        md.append("The ").append(r.stale().rule()).append("; ").append(r.stale().dueNow())
                .append(" item(s) due now.\n\n");

        md.append("## Items to discuss\n\n");
        if (r.discuss().isEmpty()) {
            md.append("The queue is empty.\n\n");
        } else {
            md.append("| item | title | severity | score | owner | age | tags |\n|---|---|---|---:|---|---:|---|\n");
            for (Review.DiscussItem i : r.discuss()) {
                md.append("| #").append(i.id()).append(" | ").append(cell(i.title())).append(" | ").append(i.severity())
                        .append(" | ").append(i.score() == null ? "–" : String.format(Locale.ROOT, "%.2f", i.score()))
                        .append(" | ").append(i.owner() == null ? "nobody" : cell(i.owner()))
                        .append(" | ").append(i.ageDays()).append(" d | ").append(cell(String.join(", ", i.tags())))
                        .append(" |\n");
            }
            md.append("\n");
        }

        md.append("## Noisiest alert names\n\n");
        if (r.noisiest().isEmpty()) {
            md.append("No alerts fired this week.\n\n");
        } else {
            md.append("| alert name | this week | usual | trend | action rate | suggestion |\n|---|---:|---:|---|---:|---|\n");
            for (Review.NoisyName n : r.noisiest()) {
                md.append("| ").append(cell(n.alertname())).append(" | ").append(n.volume()).append(" | ")
                        .append(fmt(n.usualVolume())).append(" | ").append(n.trend()).append(" | ")
                        .append(ReviewService.pct(n.actionRate())).append(" | ").append(cell(n.suggestion())).append(" |\n");
            }
            md.append("\n");
        }

        md.append("## Action rate rising\n\n");
        if (r.rising().isEmpty()) {
            md.append("No alert name is acted on markedly more than before.\n\n");
        } else {
            for (Review.RisingName n : r.rising()) {
                md.append("- ").append(n.alertname()).append(": acted on ").append(n.acted()).append(" of ")
                        .append(n.occurrences()).append(" (").append(ReviewService.pct(n.rate())).append(", was ")
                        .append(ReviewService.pct(n.previousRate())).append(") — a possible new failure mode\n");
            }
            md.append("\n");
        }

        md.append("## Clusters\n\n");
        if (r.clusters().isEmpty()) {
            md.append("No label value is shared by many items this week.\n\n");
        } else {
            for (Review.Cluster c : r.clusters()) {
                md.append("- `").append(c.key()).append("`: ").append(c.items()).append(" items (")
                        .append(String.join(", ", c.alertnames())).append(")\n");
            }
            md.append("\n");
        }

        Review.PagingQuality q = r.paging();
        md.append("## Paging quality\n\n| policy | items | paged | acted on of paged | paged of acted on | noise kept quiet"
                        + " | per shift | at night |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        q.rows().forEach(row -> policy(md, row));
        md.append("\nLive model: ").append(q.liveModel());
        if (q.liveSince() != null) {
            md.append(", live since ").append(time(q.liveSince(), r.zone()));
        }
        md.append(".\n");
        if (q.note() != null) {
            md.append(q.note()).append("\n");
        }
        md.append("\n");

        md.append("## Playbooks and knowledge\n\n");
        if (r.sloBreaches().isEmpty()) {
            md.append("- No SLO alert fired.\n");
        }
        for (Review.SloBreach b : r.sloBreaches()) {
            md.append("- SLO ").append(b.playbook()).append(" (").append(b.metric()).append(", target ")
                    .append(java.math.BigDecimal.valueOf(b.target()).stripTrailingZeros().toPlainString()).append(b.window() == null ? "" : " over " + b.window()).append("): fired ")
                    .append(b.occurrences()).append(" time(s)\n");
        }
        md.append("- Notes added: ").append(r.notes().size()).append("\n");
        for (Review.NoteAdded n : r.notes()) {
            md.append("  - ").append(n.alertname()).append(": ").append(cell(n.text())).append(" (").append(n.author())
                    .append(")\n");
        }
        md.append("- Playbook drafts waiting for review: ").append(r.draftsWaiting().isEmpty() ? "none"
                : String.join(", ", r.draftsWaiting())).append("\n\n");

        md.append("## Shadows\n\n");
        if (r.shadows().isEmpty()) {
            md.append("Nobody is shadowing.\n\n");
        } else {
            for (Review.ShadowReadiness s : r.shadows()) {
                md.append("- ").append(s.rotation()).append(": ").append(s.summary()).append("; ")
                        .append(s.shiftsDone()).append(" shadow shift(s) done\n");
            }
            md.append("\n");
        }

        md.append("## Decided this week\n\n");
        if (r.decided().isEmpty()) {
            md.append("Nothing yet.\n");
        } else {
            for (Review.Decision d : r.decided()) {
                md.append("- ").append(time(d.at(), r.zone())).append(" ").append(d.actor()).append(" (")
                        .append(d.surface()).append("): ").append(cell(d.what())).append("\n");
            }
        }
        return md.toString();
    }

    private static void policy(StringBuilder md, Review.Policy p) {
        md.append("| ").append(p.name()).append(" | ").append(p.items()).append(" | ").append(p.paged()).append(" | ")
                .append(p.pagedActed())
                .append(" (").append(ReviewService.pct(p.precision())).append(") | ").append(p.actedPaged())
                .append(" of ").append(p.acted()).append(" (").append(ReviewService.pct(p.recall())).append(") | ")
                .append(p.noiseKeptQuiet() == null ? "n/a" : ReviewService.pct(p.noiseKeptQuiet())).append(" | ")
                .append(fmt(p.perShift())).append(" | ").append(p.night()).append(" |\n");
    }

    private static void row(StringBuilder md, String label, int now, int before) {
        md.append("| ").append(label).append(" | ").append(now).append(" | ").append(before).append(" |\n");
    }

    public static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    static String time(Instant at, String zone) {
        return DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH).withZone(ZoneId.of(zone)).format(at);
    }

    /** Text from outside (titles, notes) kept on one line and out of the table syntax. */
    static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }
}
