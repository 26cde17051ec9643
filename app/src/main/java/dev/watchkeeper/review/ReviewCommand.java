package dev.watchkeeper.review;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.triage.StaleRule;
import dev.watchkeeper.triage.TagService;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code watchkeeper review}: the weekly triage-queue review in the terminal, saved as Markdown, exported. */
@Command(name = "review", description = "The weekly review of the triage queue (default: the last complete week).",
        mixinStandardHelpOptions = true,
        subcommands = {ReviewCommand.Export.class, ReviewCommand.Tag.class, ReviewCommand.Decide.class,
                ReviewCommand.Stale.class})
@Prototype
public class ReviewCommand implements Runnable, TopLevelCommand {

    @Inject
    ReviewService reviews;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--week", description = "2026-W10, a date in the week, 'last' (default) or 'current'.")
    String week;
    @Option(names = "--json", description = "Print the review as JSON (as GET /api/review).")
    boolean json;
    @Option(names = "--out", description = "Also save the review as Markdown to this file (with its chart beside it).")
    Path out;

    @Override
    public void run() {
        Week w = reviews.week(week);
        Review r = reviews.review(w);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(dev.watchkeeper.core.Json.write(r));
        } else {
            o.print(ReviewMarkdown.render(r));
        }
        if (out != null) {
            Path chart = out.resolveSibling("review-" + w.id() + ".png");
            try {
                Files.write(chart, reviews.chart(w));
                Files.writeString(out, ReviewMarkdown.render(r, chart.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + out, e);
            }
            spec.commandLine().getErr().printf("Saved %s and %s.%n", out, chart);
        }
    }

    /** Who decides: {@link dev.watchkeeper.core.LocalActor}'s one rule (the review commands take no --by). */
    static String defaultActor() {
        return dev.watchkeeper.core.LocalActor.of(null);
    }

    @Command(name = "export", description = "Print the items of a tag or of a cluster (label=value) as CSV or JSON lines.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Export implements Runnable {
        @Inject
        ReviewExport export;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--tag")
        String tag;
        @Option(names = "--cluster", description = "label=value, as listed under Clusters")
        String cluster;
        @Option(names = "--week")
        String week;
        @Option(names = "--format", defaultValue = "csv", description = "csv or jsonl (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public void run() {
            spec.commandLine().getOut().print(export.export(tag, cluster, week, ReviewExport.Format.parse(format)));
        }
    }

    @Command(name = "tag", description = "Tag an item (or remove a tag with --remove).", mixinStandardHelpOptions = true)
    @Prototype
    public static class Tag implements Runnable {
        @Inject
        TagService tags;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID")
        int id;
        @Parameters(index = "1", paramLabel = "TAG")
        String tag;
        @Option(names = "--remove")
        boolean remove;
        @Option(names = "--by", description = "who is tagging (default: your user name)")
        String by = defaultActor();

        @Override
        public void run() {
            List<String> now = remove ? tags.untag(id, tag, by, "cli") : tags.tag(id, tag, by, "cli");
            spec.commandLine().getOut().printf("#%d tags: %s%n", id, now.isEmpty() ? "none" : String.join(", ", now));
        }
    }

    @Command(name = "decide", description = "Take a review decision: close, close-stale, assign, snooze, tag,"
            + " known-noise, keep-paging.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Decide implements Runnable {
        @Inject
        ReviewDecisions decisions;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "DECISION")
        String decision;
        @Option(names = "--item")
        Integer item;
        @Option(names = "--week")
        String week;
        @Option(names = "--assignee")
        String assignee;
        @Option(names = "--until", description = "for snooze: 1d, 1w or 2w")
        String until;
        @Option(names = "--tag")
        String tag;
        @Option(names = "--alertname")
        String alertname;
        @Option(names = "--by", description = "who decides (default: your user name)")
        String by = defaultActor();

        @Override
        public void run() {
            spec.commandLine().getOut().println(decisions.decide(new ReviewDecisions.Request(decision, item, week,
                    assignee, until, tag, alertname), by, "cli"));
        }
    }

    @Command(name = "stale", description = "List the items the stale rule would close; --apply closes them.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Stale implements Runnable {
        @Inject
        StaleRule rule;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--apply")
        boolean apply;

        @Override
        public void run() {
            PrintWriter o = spec.commandLine().getOut();
            o.println("Rule: " + rule.describe());
            if (apply) {
                List<Integer> closed = rule.apply();
                o.println("Closed " + closed.size() + " item(s)" + (closed.isEmpty() ? "." : ": " + closed));
            } else {
                var due = rule.due();
                due.forEach(i -> o.printf("#%d %s (last fired %s)%n", i.id(), i.title(), i.lastFiredAt()));
                o.println(due.size() + " item(s) due. Nothing was changed; run with --apply to close them.");
            }
        }
    }
}
