package dev.watchkeeper.slack;

import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.Severity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.ingest.AlertRow;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.notify.PersonStore;
import dev.watchkeeper.triage.ItemContext;
import dev.watchkeeper.triage.ItemDetail;
import jakarta.inject.Singleton;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static dev.watchkeeper.slack.SlackText.escape;

/**
 * Block Kit for items: the alert message in the channel, the ephemeral cards of {@code /triage} and the
 * App Home rows. Every piece of text from an alert or a person goes through {@link SlackText#escape}.
 */
@Singleton
public class ItemBlocks {

    public static final String ITEM_BLOCK_PREFIX = "wk_item:";
    public static final String ACT = "wk_acted";
    public static final String ACK = "wk_ack";
    public static final String NOISE = "wk_noise";
    public static final String SNOOZE = "wk_snooze";
    public static final String ASSIGN = "wk_assign";
    /** Snooze choices offered by the Snooze ▾ menu, as {@code /triage snooze} durations. */
    public static final List<String> SNOOZE_CHOICES = List.of("1h", "4h", "1d", "1w");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final PersonStore people;

    public ItemBlocks(Database db, PersonStore people) {
        this.db = db;
        this.people = people;
    }

    /** The alert message: {@code {"text": fallback, "blocks": [...]}}. */
    public ObjectNode message(ItemDetail detail) {
        Item item = detail.item();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockJson.section(headline(item) + "\n" + facts(detail)));
        if (item.score() != null) {
            String reason = item.scoreReason() == null ? "" : " — " + escape(item.scoreReason());
            blocks.add(BlockJson.context(String.format(Locale.ROOT, "Score %.2f%s", item.score(), reason)));
        }
        String links = links(detail);
        if (!links.isEmpty()) {
            blocks.add(BlockJson.section(links));
        }
        blocks.add(BlockJson.context(status(detail)));
        if (!item.isClosed()) {
            blocks.add(actions(item.id()));
        }
        ObjectNode msg = Json.object();
        msg.put("text", fallback(item));
        msg.set("blocks", BlockJson.json(blocks));
        return msg;
    }

    /** A compact card: headline, facts and the buttons (for {@code /triage} and App Home). */
    public List<LayoutBlock> card(ItemDetail detail, boolean buttons) {
        Item item = detail.item();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockJson.section(headline(item) + "\n" + facts(detail) + "\n" + status(detail)));
        if (buttons && !item.isClosed()) {
            blocks.add(actions(item.id()));
        }
        return blocks;
    }

    public String fallback(Item item) {
        return "[" + item.severity().wire().toUpperCase(Locale.ROOT) + "] #" + item.id() + " " + escape(item.title())
                + (item.service() == null ? "" : " — " + escape(item.service()));
    }

    static String headline(Item item) {
        return emoji(item.severity().wire()) + " *#" + item.id() + " " + escape(SlackText.clip(item.title(), 300)) + "*";
    }

    static String facts(ItemDetail detail) {
        Item item = detail.item();
        int fires = detail.alerts().stream().mapToInt(AlertRow::fireCount).sum();
        StringBuilder b = new StringBuilder();
        b.append("Severity *").append(escape(item.severity().wire())).append("*");
        b.append(" · Service *").append(item.service() == null ? "—" : escape(item.service())).append("*");
        b.append(" · Fired ").append(Math.max(fires, item.manual() ? 0 : 1)).append("×");
        if (item.manual()) {
            b.append(" · added by a person");
        }
        return b.toString();
    }

    private String status(ItemDetail detail) {
        Item item = detail.item();
        StringBuilder b = new StringBuilder("State: *").append(item.state()).append("*");
        if (item.sourceResolved()) {
            b.append(" (resolved at the source)");
        }
        if (item.assigneeId() != null) {
            b.append(" · assigned to ").append(mention(item.assigneeId(), item.assignee()));
        }
        if (item.snoozedUntil() != null) {
            b.append(" · snoozed until ").append(TIME.format(item.snoozedUntil()));
        }
        if (!detail.actions().isEmpty()) {
            ActionRow last = detail.actions().getLast();
            b.append(" · last: ").append(last.kind()).append(" by ").append(escape(last.actor()));
        }
        if (item.lane() != null) {
            b.append(" · lane ").append(item.lane());
        }
        return b.toString();
    }

    private String mention(int personId, String handle) {
        String slackId = db.read(dsl -> people.slackUserId(dsl, personId)).orElse(null);
        // A Slack ID we stored ourselves, never text from an alert, so it may become a mention.
        return slackId != null && slackId.matches("[UW][A-Z0-9]+") ? "<@" + slackId + ">" : escape(handle);
    }

    static String links(ItemDetail detail) {
        Set<String> parts = new LinkedHashSet<>();
        for (AlertRow a : detail.alerts()) {
            if (a.generatorUrl() != null && !a.generatorUrl().isBlank() && parts.size() < 3) {
                parts.add(SlackText.link(a.generatorUrl(), "Source: " + a.alertname()));
            }
        }
        for (ItemContext.Line line : detail.context()) {
            String text = line.text() == null ? "" : line.text();
            parts.add("*" + escape(line.label()) + ":* "
                    + (line.url() == null ? escape(text) : SlackText.link(line.url(), text.isBlank() ? line.url() : text)));
        }
        return SlackText.clip(String.join("\n", parts), 2900);
    }

    static String emoji(String severity) {
        return emoji(Severity.parse(severity).orElse(Severity.INFO));
    }

    static String emoji(Severity severity) {
        return switch (severity == null ? Severity.INFO : severity) {
            case CRITICAL -> ":red_circle:";
            case ERROR -> ":large_orange_circle:";
            case WARNING -> ":large_yellow_circle:";
            case INFO -> ":white_circle:";
        };
    }

    /** The buttons. The block ID carries the item so the menus (which have no value) know it too. */
    static ActionsBlock actions(int itemId) {
        String id = String.valueOf(itemId);
        return Blocks.actions(a -> a.blockId(ITEM_BLOCK_PREFIX + itemId).elements(List.of(
                button(b -> b.actionId(ACT).text(plainText("Acted on it")).value(id).style("primary")),
                button(b -> b.actionId(ACK).text(plainText("Just acknowledge")).value(id)),
                button(b -> b.actionId(NOISE).text(plainText("Noise")).value(id).style("danger")),
                staticSelect(m -> m.actionId(SNOOZE).placeholder(plainText("Snooze ▾")).options(SNOOZE_CHOICES.stream()
                        .map(choice -> option(plainText("for " + choice), itemId + "|" + choice)).toList())),
                usersSelect(m -> m.actionId(ASSIGN).placeholder(plainText("Assign ▾"))))));
    }
}
