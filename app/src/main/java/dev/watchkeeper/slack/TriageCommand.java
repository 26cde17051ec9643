package dev.watchkeeper.slack;

import com.slack.api.model.block.LayoutBlock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.FieldError;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.triage.ActionKind;
import dev.watchkeeper.triage.ActionRequest;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemCommand;
import dev.watchkeeper.triage.QueueCommand;
import dev.watchkeeper.triage.ItemContext;
import dev.watchkeeper.triage.ItemDetail;
import dev.watchkeeper.triage.QueuePage;
import dev.watchkeeper.triage.TriageService;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.watchkeeper.slack.SlackText.escape;

/**
 * {@code /triage}: one table maps each subcommand to its handler. Every answer is an ephemeral message;
 * bad input answers with the usage, never a stack trace.
 */
@Singleton
public class TriageCommand {

    static final String USAGE = String.join("\n",
            "*/triage* — the triage queue",
            "`/triage` top of the queue, with buttons",
            "`/triage show ID` one item",
            "`/triage queue [--service S] [--lane paged|quiet] [--assignee H] [--tag T] [-n 10]` the queue, as `queue` does",
            "`/triage ack ID [note]` · `/triage act ID [note]` · `/triage noise ID [note]`",
            "`/triage snooze ID 2h` (m, h, d or w; or `--until 2026-03-02T18:00:00Z`)",
            "`/triage assign ID @user`",
            "`/triage note ID TEXT` a note on the item",
            "`/triage add TEXT [--service S] [--severity S] [--link URL]` a new item, e.g. a user complaint",
            "`/triage why ID` why it scored and paged as it did",
            "`/triage tag ID name` tag an item (`/triage tag ID -name` removes the tag)",
            "`/triage review [2026-W10]` the weekly review, with buttons for its decisions",
            "`/triage reload` reload the playbooks folder",
            "`/triage help` this text; `/triage SUBCOMMAND --help` its options",
            "Subcommands shared with the command line (`item ...`, `queue`) take the same arguments; you act as yourself.");

    /** {@code /triage queue} lists at most this many items (Slack limits a message's size). */
    static final int QUEUE_MAX = 50;
    /** A user mention as Slack sends it in command text: {@code <@U123|name>} or {@code <@U123>}. */
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|([^>]*))?>");

    /** Who is asking, in Slack and in Watchkeeper. */
    public record Caller(String slackUserId, String handle) {
    }

    @FunctionalInterface
    interface Subcommand {
        ObjectNode run(Caller caller, String args);
    }

    private final TriageService triage;
    private final ItemBlocks blocks;
    private final SlackPeople people;
    private final Map<String, Subcommand> table = new LinkedHashMap<>();

    private final dev.watchkeeper.triage.TagService tags;
    private final dev.watchkeeper.review.ReviewService reviews;
    private final ReviewSlackPost reviewPosts;

    public TriageCommand(TriageService triage, ItemBlocks blocks, SlackPeople people,
                         dev.watchkeeper.triage.TagService tags, dev.watchkeeper.review.ReviewService reviews,
                         ReviewSlackPost reviewPosts) {
        this.tags = tags;
        this.reviews = reviews;
        this.reviewPosts = reviewPosts;
        this.triage = triage;
        this.blocks = blocks;
        this.people = people;
        table.put("", (c, a) -> top());
        table.put("help", (c, a) -> SlackAnswer.ephemeral(USAGE));
        // Shared with the command line: parsed by its picocli classes (SlashArgs).
        table.put("queue", (c, a) -> queue(SlashArgs.parse(new QueueCommand(), "/triage queue", a)));
        table.put("show", (c, a) -> show(SlashArgs.parse(new ItemCommand.Show(), "/triage show", a).id()));
        table.put("ack", (c, a) -> act(c, SlashArgs.parse(new ItemCommand.Ack(), "/triage ack", a)));
        table.put("act", (c, a) -> act(c, SlashArgs.parse(new ItemCommand.Act(), "/triage act", a)));
        table.put("acted", (c, a) -> act(c, SlashArgs.parse(new ItemCommand.Act(), "/triage acted", a)));
        table.put("noise", (c, a) -> act(c, SlashArgs.parse(new ItemCommand.Noise(), "/triage noise", a)));
        table.put("snooze", (c, a) -> act(c, SlashArgs.parse(new ItemCommand.Snooze(), "/triage snooze", a)));
        table.put("assign", (c, a) -> act(c, SlashArgs.parse(new ItemCommand.Assign(), "/triage assign", a)));
        table.put("note", (c, a) -> act(c, SlashArgs.parse(new ItemCommand.Note(), "/triage note", a)));
        table.put("add", (c, a) -> add(c, SlashArgs.parse(new ItemCommand.Add(), "/triage add", a)));
        table.put("why", (c, a) -> why(itemId(a)));
        table.put("tag", this::tag);
        table.put("review", (c, a) -> review(a));
    }

    /** Runs {@code /triage <text>} for {@code caller}; always returns a message to show. */
    public ObjectNode run(Caller caller, String text) {
        String t = text == null ? "" : text.strip();
        int space = t.indexOf(' ');
        String name = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : t.substring(space + 1).strip();
        Subcommand sub = table.get(name);
        if (sub == null) {
            return SlashArgs.unknown(name, USAGE);
        }
        return SlashArgs.answer("/triage " + name, USAGE, () -> sub.run(caller, args));
    }

    private ObjectNode top() {
        QueuePage page = triage.queue(QueueFilter.active(triage.now(), 5));
        ObjectNode msg = SlackAnswer.ephemeral(page.total() == 0 ? "The queue is empty." : "Top of the queue (" + page.total() + " open)");
        List<LayoutBlock> list = new ArrayList<>();
        list.add(BlockJson.section(msg.get("text").asText()));
        for (Item item : page.items()) {
            list.addAll(blocks.card(triage.item(item.id()), true));
        }
        msg.set("blocks", BlockJson.json(list));
        return msg;
    }

    private ObjectNode show(int id) {
        ItemDetail detail = triage.item(id);
        ObjectNode msg = blocks.message(detail);
        msg.put("response_type", "ephemeral");
        return msg;
    }

    private ObjectNode why(int id) {
        ItemDetail d = triage.item(id);
        Item item = d.item();
        StringBuilder b = new StringBuilder("*Why #").append(id).append("*\n");
        b.append("Score: ").append(item.score() == null ? "not scored yet"
                : String.format(Locale.ROOT, "%.2f", item.score())
                + (item.scoreReason() == null ? "" : " — " + escape(item.scoreReason()))).append("\n");
        b.append("Lane: ").append(item.lane() == null ? "not decided yet"
                : item.lane() + (item.laneReason() == null ? "" : " — " + escape(item.laneReason()))).append("\n");
        for (ItemContext.Line line : d.context()) {
            b.append("*").append(escape(line.label())).append(":* ")
                    .append(line.url() == null ? escape(line.text()) : SlackText.link(line.url(), line.text()))
                    .append("\n");
        }
        return SlackAnswer.ephemeral(b.toString().strip());
    }

    /** {@code /triage queue ...}: the page {@code queue} would print, one line per item. */
    private ObjectNode queue(QueueCommand q) {
        QueueFilter asked = q.filter(triage.now());
        QueuePage page = triage.queue(asked.limit() <= QUEUE_MAX ? asked : new QueueFilter(asked.states(), asked.lane(),
                asked.service(), asked.assignee(), asked.text(), asked.snoozed(), asked.now(), QUEUE_MAX, 0, asked.tag()));
        if (page.items().isEmpty()) {
            return SlackAnswer.ephemeral("The queue is empty.");
        }
        String head = page.items().size() + " of " + page.total() + " item" + (page.total() == 1 ? "" : "s");
        ObjectNode msg = SlackAnswer.ephemeral(head);
        List<LayoutBlock> list = new ArrayList<>();
        StringBuilder lines = new StringBuilder("*" + head + "*");
        for (Item i : page.items()) {
            String line = "\n" + ItemBlocks.emoji(i.severity()) + " *#" + i.id() + "* " + escape(SlackText.clip(i.title(), 120))
                    + " · " + i.state() + (i.score() == null ? "" : String.format(Locale.ROOT, " · %.2f", i.score()))
                    + (i.service() == null ? "" : " · " + escape(i.service()))
                    + (i.assignee() == null ? "" : " · " + escape(i.assignee()));
            if (lines.length() + line.length() > 2900) {
                list.add(BlockJson.section(lines.toString()));
                lines.setLength(0);
            }
            lines.append(line);
        }
        list.add(BlockJson.section(lines.toString().strip()));
        msg.set("blocks", BlockJson.json(list));
        return msg;
    }

    /** ack, act, noise, snooze, assign and note: the CLI's request, by the Slack user, through Slack. */
    private ObjectNode act(Caller c, ItemCommand.ActionBase command) {
        ActionRequest r = command.request(c.handle(), "slack", triage.now());
        if (r.kind() == ActionKind.ASSIGN) {
            r = new ActionRequest(r.kind(), r.actor(), r.surface(), r.note(), r.until(),
                    assigneeHandle(((ItemCommand.Assign) command).assignee()));
        }
        Item after = triage.act(command.id(), r);
        return SlackAnswer.ephemeral(done(r.kind(), after));
    }

    /** A mention becomes the person behind that Slack user; plain text is taken as a Watchkeeper handle. */
    String assigneeHandle(String who) {
        Matcher m = MENTION.matcher(who);
        if (m.find()) {
            return people.handle(m.group(1), m.group(2));
        }
        String handle = who.startsWith("@") ? who.substring(1) : who;
        if (!handle.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new BadInputException(java.util.List.of(new FieldError("user",
                    "must be a @mention or a handle; was '" + who + "'")));
        }
        return handle;
    }

    private ObjectNode add(Caller c, ItemCommand.Add command) {
        Item item = command.add(triage, c.handle(), "slack");
        return SlackAnswer.ephemeral("Added #" + item.id() + ": " + escape(item.title()));
    }

    private ObjectNode tag(Caller c, String args) {
        String[] parts = args.split("\\s+", 2);
        int id = itemId(parts[0]);
        if (parts.length < 2 || parts[1].isBlank()) {
            throw new BadInputException(java.util.List.of(new FieldError("tag",
                    "is required, e.g. `/triage tag 42 customer-x`")));
        }
        String tag = parts[1].strip();
        boolean remove = tag.startsWith("-");
        java.util.List<String> now = remove ? tags.untag(id, tag.substring(1), c.handle(), "slack")
                : tags.tag(id, tag, c.handle(), "slack");
        return SlackAnswer.ephemeral(":label: #" + id + " tags: " + (now.isEmpty() ? "none" : escape(String.join(", ", now))));
    }

    /** The review of a week, posted in the channel for everyone, with its decision buttons. */
    private ObjectNode review(String args) {
        var week = reviews.week(args.isBlank() ? null : args.strip());
        var r = reviews.review(week);
        ObjectNode msg = SlackAnswer.inChannel(ReviewSlackBlocks.text(r));
        msg.set("blocks", ReviewSlackBlocks.blocks(r, reviewPosts.pageUrl(week),
                java.util.List.copyOf(tags.counts().keySet())));
        return msg;
    }

    static String done(ActionKind kind, Item item) {
        String what = switch (kind) {
            case ACK -> "acknowledged";
            case ACTED -> "marked acted on (resolved)";
            case NOISE -> "marked as noise";
            case SNOOZE -> "snoozed until " + item.snoozedUntil();
            case ASSIGN -> "assigned to " + escape(item.assignee());
            case NOTE -> "note kept";
            default -> kind.wire();
        };
        return ":white_check_mark: #" + item.id() + " " + escape(SlackText.clip(item.title(), 200)) + " — " + what;
    }

    static int itemId(String arg) {
        String s = arg == null ? "" : arg.strip();
        if (s.startsWith("#")) {
            s = s.substring(1);
        }
        int space = s.indexOf(' ');
        if (space >= 0) {
            s = s.substring(0, space);
        }
        try {
            int id = Integer.parseInt(s);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(java.util.List.of(new FieldError("ID",
                s.isEmpty() ? "is required: the item number, e.g. 42" : "must be an item number; was '" + s + "'")));
    }
}
