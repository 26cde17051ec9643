package dev.watchkeeper.slack;

import dev.watchkeeper.review.Review;
import dev.watchkeeper.review.ReviewMarkdown;
import dev.watchkeeper.review.ReviewService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElements;
import com.slack.api.model.block.element.ButtonElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static dev.watchkeeper.slack.SlackText.escape;

/** The review as a Slack message: the figures, and buttons for the decisions (handled by {@code slack.ReviewSlack}). */
public final class ReviewSlackBlocks {

    public static final String PREFIX = "wk_review_";
    public static final String CLOSE = PREFIX + "close";
    public static final String CLOSE_STALE = PREFIX + "close_stale";
    public static final String SNOOZE = PREFIX + "snooze";
    public static final String ASSIGN = PREFIX + "assign";
    public static final String TAG = PREFIX + "tag";
    public static final String KNOWN_NOISE = PREFIX + "known_noise";
    public static final String KEEP_PAGING = PREFIX + "keep_paging";
    /** Tags offered in the one-click tag menu besides those in use. */
    static final List<String> DEFAULT_TAGS = List.of("discuss", "p1", "customer-impact");

    private ReviewSlackBlocks() {
    }

    public static String text(Review r) {
        return "Weekly triage review " + r.week() + ": " + r.health().open() + " open, " + r.health().created() + " new, "
                + r.health().closed() + " closed, " + r.health().stale() + " stale";
    }

    /** @param pageUrl the review page for this week, or null when no base URL is configured */
    public static ArrayNode blocks(Review r, String pageUrl, List<String> tagsInUse) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockJson.header("Weekly triage review " + r.week()));
        Review.Health h = r.health();
        Review.Health p = r.previous();
        section(blocks, "*" + r.label() + "*" + (pageUrl == null ? "" : " · <" + pageUrl + "|open the review page>") + "\n"
                + "Open *" + h.open() + "* (was " + p.open() + ") · new *" + h.created() + "* · closed *" + h.closed()
                + "* · acknowledged but never closed *" + h.acknowledgedNeverClosed() + "* · stale *" + h.stale() + "*"
                + (h.oldestItem() == null ? "" : "\nOldest: #" + h.oldestItem() + " " + escape(h.oldestTitle()) + ", "
                + h.oldestDays() + " days"));
        if (h.stale() > 0) {
            blocks.add(Blocks.actions(a -> a.blockId("review_stale").elements(List.of(button(CLOSE_STALE,
                    "Close " + h.stale() + " stale item" + (h.stale() == 1 ? "" : "s"), r.week(), "danger")))));
        }

        if (!r.noisiest().isEmpty()) {
            section(blocks, "*Noisiest alert names*");
            for (Review.NoisyName n : r.noisiest()) {
                section(blocks, "*" + escape(n.alertname()) + "* — " + n.volume() + " this week (" + n.trend() + ")\n"
                        + escape(n.suggestion()));
                blocks.add(Blocks.actions(a -> a.elements(List.of(button(KNOWN_NOISE, "Mark known noise", n.alertname(), null),
                        button(KEEP_PAGING, "Keep paging", n.alertname(), null)))));
            }
        }

        if (!r.discuss().isEmpty()) {
            section(blocks, "*Items to discuss*");
            for (Review.DiscussItem i : r.discuss().stream().limit(5).toList()) {
                section(blocks, "#" + i.id() + " *" + escape(i.title()) + "* · " + i.severity()
                        + (i.score() == null ? "" : String.format(Locale.ROOT, " · score %.2f", i.score()))
                        + " · " + (i.owner() == null ? "nobody" : escape(i.owner())) + " · " + i.ageDays() + " d"
                        + (i.tags().isEmpty() ? "" : " · " + escape(String.join(", ", i.tags()))));
                java.util.LinkedHashSet<String> offered = new java.util.LinkedHashSet<>(tagsInUse);
                offered.addAll(DEFAULT_TAGS);
                List<OptionObject> options = offered.stream().limit(20)
                        .map(t -> option(plainText(t), i.id() + "|" + t)).toList();
                blocks.add(Blocks.actions(a -> a.blockId("review_item_" + i.id()).elements(List.of(
                        button(CLOSE, "Close", String.valueOf(i.id()), null),
                        button(SNOOZE, "Snooze 1 week", i.id() + "|1w", null),
                        usersSelect(u -> u.actionId(ASSIGN).placeholder(plainText("Assign"))),
                        staticSelect(m -> m.actionId(TAG).placeholder(plainText("Tag")).options(options))))));
            }
        }

        StringBuilder pq = new StringBuilder("*Paging quality*");
        r.paging().rows().forEach(row -> pq.append("\n").append(policy(row)));
        section(blocks, pq + "\nLive model: " + escape(r.paging().liveModel())
                + (r.paging().note() == null ? "" : "\n_" + escape(r.paging().note()) + "_"));
        if (!r.clusters().isEmpty()) {
            StringBuilder c = new StringBuilder("*Clusters*");
            r.clusters().stream().limit(5).forEach(x -> c.append("\n• `").append(escape(x.key())).append("` ")
                    .append(x.items()).append(" items (").append(escape(String.join(", ", x.alertnames()))).append(")"));
            section(blocks, c.toString());
        }
        if (!r.rising().isEmpty()) {
            StringBuilder c = new StringBuilder("*Action rate rising*");
            r.rising().forEach(x -> c.append("\n• ").append(escape(x.alertname())).append(": ")
                    .append(ReviewService.pct(x.rate())).append(", was ").append(ReviewService.pct(x.previousRate())));
            section(blocks, c.toString());
        }
        section(blocks, "Notes added: " + r.notes().size() + " · playbook drafts waiting: " + r.draftsWaiting().size()
                + " · SLO alerts: " + r.sloBreaches().stream().mapToInt(Review.SloBreach::occurrences).sum()
                + " · decided this week: " + r.decided().size());
        return BlockJson.json(blocks);
    }

    private static String policy(Review.Policy p) {
        return escape(p.name()) + ": " + p.items() + " items, paged " + p.paged() + ", acted on " + p.pagedActed() + " ("
                + ReviewService.pct(p.precision()) + "); paged " + p.actedPaged() + " of " + p.acted() + " acted on ("
                + ReviewService.pct(p.recall()) + "); noise kept quiet "
                + (p.noiseKeptQuiet() == null ? "n/a" : ReviewService.pct(p.noiseKeptQuiet())) + "; " + ReviewMarkdown.fmt(p.perShift()) + " per shift, " + p.night()
                + " at night";
    }

    private static void section(List<LayoutBlock> blocks, String mrkdwn) {
        blocks.add(BlockJson.section(SlackText.clip(mrkdwn, 2900)));
    }

    private static ButtonElement button(String actionId, String label, String value, String style) {
        return BlockElements.button(b -> b.actionId(actionId).text(plainText(label)).value(value).style(style));
    }
}
