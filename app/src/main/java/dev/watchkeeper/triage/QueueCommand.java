package dev.watchkeeper.triage;

import dev.watchkeeper.core.TopLevelCommand;
import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.triage.QueueFilter;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code watchkeeper queue}: the triage queue as a terminal table, ranked as the HTTP API ranks it. Slack's
 * {@code /triage queue} parses its text with this same class and answers with {@link #filter}'s page.
 */
@Command(name = "queue", description = "Show the triage queue.", mixinStandardHelpOptions = true)
@Prototype
public class QueueCommand implements Runnable, TopLevelCommand {

    @Inject
    ItemQueue queue;

    @Option(names = "--state", description = "Comma-separated states, or 'all' (default: open,acknowledged).")
    String state;
    @Option(names = "--lane", description = "paged or quiet.")
    String lane;
    @Option(names = "--service", description = "Only this service.")
    String service;
    @Option(names = "--assignee", description = "Only items assigned to this person.")
    String assignee;
    @Option(names = "--text", description = "Only items whose title or group contains this text.")
    String text;
    @Option(names = "--tag", description = "Only items with this tag (tags: /triage tag, ./watchkeeper review tag).")
    String tag;
    @Option(names = "--snoozed", description = "Show only snoozed items.")
    boolean snoozed;
    @Option(names = {"-n", "--limit"}, defaultValue = "30", description = "How many items (default: ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What the options ask for, as of {@code now}. */
    public QueueFilter filter(Instant now) {
        List<String> states = state == null ? QueueFilter.ACTIVE
                : "all".equals(state) ? List.of("open", "acknowledged", "resolved", "noise")
                : Arrays.stream(state.split(",")).map(String::trim).toList();
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        return new QueueFilter(states, lane, service, assignee, text, snoozed, now, limit, 0, tag);
    }

    @Override
    public void run() {
        Instant now = queue.now();
        QueuePage page = queue.page(filter(now));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(page));
            return;
        }
        if (page.items().isEmpty()) {
            out.println("The queue is empty.");
            return;
        }
        out.println(AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, page.items(), Arrays.asList(
                new Column().header("ID").dataAlign(HorizontalAlign.RIGHT).with(i -> String.valueOf(i.id())),
                new Column().header("SCORE").dataAlign(HorizontalAlign.RIGHT).with(QueueCommand::score),
                new Column().header("SEVERITY").dataAlign(HorizontalAlign.LEFT).with(i -> i.severity().wire()),
                new Column().header("STATE").dataAlign(HorizontalAlign.LEFT).with(i -> i.state() + (i.sourceResolved() ? " (source resolved)" : "")),
                new Column().header("SERVICE").dataAlign(HorizontalAlign.LEFT).with(i -> i.service() == null ? "-" : i.service()),
                new Column().header("ALERTS").dataAlign(HorizontalAlign.RIGHT)
                        .with(i -> i.firingCount() + "/" + i.alertCount()),
                new Column().header("AGE").dataAlign(HorizontalAlign.RIGHT).with(i -> age(i.createdAt(), now)),
                new Column().header("TITLE").maxWidth(60).dataAlign(HorizontalAlign.LEFT).with(Item::title))));
        out.printf("%d of %d item%s%n", page.items().size(), page.total(), page.total() == 1 ? "" : "s");
    }

    private static String score(Item i) {
        return i.score() == null ? "-" : String.format("%.2f", i.score());
    }

    static String age(Instant since, Instant now) {
        Duration d = Duration.between(since, now);
        if (d.toDays() > 0) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h";
        }
        return Math.max(0, d.toMinutes()) + "m";
    }
}
