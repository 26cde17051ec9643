package dev.watchkeeper.ranking;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.DatabaseOptions;
import dev.watchkeeper.db.ranking.ModelVersionRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** {@code watchkeeper model ...}: the model registry, training and backtests. */
@Command(name = "model", description = "Ranking models: list, train, promote, rollback, show, backtest.",
        mixinStandardHelpOptions = true,
        subcommands = {ModelCommand.ListCmd.class, ModelCommand.Train.class, ModelCommand.Promote.class,
                ModelCommand.Rollback.class, ModelCommand.Show.class, ModelCommand.BacktestCmd.class})
@Prototype
public class ModelCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String day(Instant i) {
        return i.toString().substring(0, 16).replace('T', ' ');
    }

    static void printVersion(PrintWriter out, ModelVersionRow m) {
        out.println(m.name() + "  state=" + m.state() + "  created " + day(m.createdAt()));
        out.println("  training window  " + m.trainFrom() + " .. " + m.trainTo() + " (hold-out from " + m.holdoutFrom() + ")");
        out.println("  paging threshold " + String.format(Locale.ROOT, "%.4f", m.threshold()));
        PagingStatement.fromMetrics(m.metrics()).ifPresent(st -> {
            out.println("  paging           " + st.inPeopleTerms());
            out.println("  alert-name rate  " + String.format(Locale.ROOT, "same recall target, same rows: threshold "
                            + "%.4f pages about %.0f%% of alerts, keeps %.0f%% of the alerts nobody acted on quiet, catches %.0f%%",
                    st.rateThreshold(), st.ratePagedShare() * 100, st.rateQuietNoiseShare() * 100, st.rateRecall() * 100));
        });
        gate(m.metrics()).ifPresent(g -> out.println("  promotion gate   " + g));
        out.println("  metrics          " + m.metrics());
        out.println("  parameters       " + m.params());
        out.println("  features         " + m.features());
        out.println("  note             " + (m.note() == null ? "" : m.note()));
    }

    /** The promotion gate's figures and decision as stored with a version. */
    static java.util.Optional<String> gate(String metrics) {
        if (metrics == null || metrics.isBlank()) {
            return java.util.Optional.empty();
        }
        var g = dev.watchkeeper.core.Json.parse(metrics).get("gate");
        if (g == null || !g.isObject()) {
            return java.util.Optional.empty();
        }
        String live = g.path("live_model").isNull() || g.path("live_model").isMissingNode() ? "none"
                : g.path("live_model").asText() + " AUC " + g.path("live_auc").asText();
        return java.util.Optional.of(String.format(Locale.ROOT, "candidate AUC %s vs live %s on %d occurrences "
                        + "(%d acted on, %s .. %s) neither was fitted on; %s: %s", g.path("candidate_auc").asText(), live,
                g.path("rows").asInt(), g.path("acted").asInt(), g.path("from").asText(), g.path("to").asText(),
                g.path("rule").asText(), g.path("decision").asText()));
    }

    @Command(name = "list", description = "Every model version, newest first.", mixinStandardHelpOptions = true)
    @Prototype
    public static class ListCmd implements Runnable {
        @Inject
        ModelRegistry registry;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            List<ModelVersionRow> all = registry.list();
            PrintWriter out = spec.commandLine().getOut();
            if (all.isEmpty()) {
                out.println("No models yet: scores come from the fallback (per-alert-name action rate). "
                        + "Train one with 'watchkeeper model train'.");
                return;
            }
            out.println(AsciiTable.getTable(all, List.of(
                    new Column().header("model").with(ModelVersionRow::name),
                    new Column().header("state").with(ModelVersionRow::state),
                    new Column().header("created").with(m -> day(m.createdAt())),
                    new Column().header("trained up to").with(m -> day(m.trainTo())),
                    new Column().header("threshold").with(m -> String.format(Locale.ROOT, "%.4f", m.threshold())),
                    new Column().header("note").maxWidth(60).with(m -> m.note() == null ? "" : m.note()))));
        }
    }

    @Command(name = "train", description = "Train on everything known now; the result goes live only if it beats the live model.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Train implements Runnable {
        @Inject
        ModelRegistry registry;
        @Inject
        Clock clock;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            long t0 = System.nanoTime();
            ModelRegistry.Outcome o;
            try {
                o = registry.train(clock.instant());
            } catch (Trainer.NotEnoughHistory e) {
                throw new BadInputException("history", e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            printVersion(out, o.version());
            out.println(o.decision());
            out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    @Command(name = "promote", description = "Make a model version live by hand.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Promote implements Runnable {
        @Inject
        ModelRegistry registry;
        @Parameters(paramLabel = "ID", description = "model version id (the number in gbt-7)")
        String id;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ModelVersionRow m = registry.promote(parseId(id));
            spec.commandLine().getOut().println(m.name() + " is live");
        }
    }

    @Command(name = "rollback", description = "Retire the live model and restore the one it replaced.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Rollback implements Runnable {
        @Inject
        ModelRegistry registry;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ModelVersionRow m = registry.rollback();
            spec.commandLine().getOut().println("rolled back: " + m.name() + " is live again");
        }
    }

    @Command(name = "show", description = "One model version in full, and live paging quality.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Show implements Runnable {
        @Inject
        ModelRegistry registry;
        @Inject
        PagingQuality quality;
        @Parameters(paramLabel = "ID", description = "model version id")
        String id;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ModelVersionRow m = registry.find(parseId(id));
            PrintWriter out = spec.commandLine().getOut();
            printVersion(out, m);
            out.println("  shadow scores    " + registry.shadowScores(m.id()) + " items scored beside the live model");
            out.println("live paging quality (all live versions, judged by people's first decision on each item):");
            out.println("  " + quality.lastDays(7).text());
            out.println("  " + quality.lastDays(30).text());
        }
    }

    static int parseId(String raw) {
        String digits = raw.contains("-") ? raw.substring(raw.lastIndexOf('-') + 1) : raw;
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new BadInputException("ID", "must be a model version id such as 7 or gbt-7, was '" + raw + "'");
        }
    }

    @Command(name = "backtest", description = "Walk-forward replay of a history file; writes id,score for every occurrence from --from.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class BacktestCmd implements Runnable {
        @Inject
        HistoryImporter importer;
        @Inject
        ModelRegistry registry;
        @Inject
        RankingConfig config;
        @Parameters(paramLabel = "FILE.jsonl")
        Path file;
        @Option(names = "--from", required = true, description = "first instant scored (RFC 3339)")
        String from;
        @Option(names = "--retrain", defaultValue = "daily", description = "daily, weekly or never (default: ${DEFAULT-VALUE})")
        String retrain;
        @Option(names = "--out", description = "CSV of id,score,paged (default: scores.csv)", defaultValue = "scores.csv")
        Path out;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Instant start;
            try {
                start = dev.watchkeeper.core.Bounds.require(Instant.parse(from), "--from");
            } catch (DateTimeParseException e) {
                throw new BadInputException("--from", "is not an RFC 3339 instant (e.g. 2026-04-01T00:00:00Z): '" + from + "'");
            }
            long every = switch (retrain) {
                case "daily" -> Duration.ofDays(1).toMillis();
                case "weekly" -> Duration.ofDays(7).toMillis();
                case "never" -> 0;
                default -> throw new BadInputException("--retrain", "must be daily, weekly or never; was '" + retrain + "'");
            };
            if (!Files.isReadable(file)) {
                throw new BadInputException("FILE", "cannot read " + file);
            }
            PrintWriter w = spec.commandLine().getOut();
            Backtest.Result r = run(importer, registry, config, file, start, every, System.err);
            for (String rej : r.notes()) {
                w.println("note: " + rej);
            }
            try (var csv = Files.newBufferedWriter(out)) {
                csv.write("id,score,paged\n");
                for (int i = 0; i < r.ids().length; i++) {
                    csv.write(r.ids()[i] + "," + String.format(Locale.ROOT, "%.6f", r.model()[i]) + "," + r.paged()[i] + "\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long end = r.startsAt().length == 0 ? start.toEpochMilli() : r.startsAt()[r.startsAt().length - 1] + 1;
            Backtest.Summary all = r.summary(start.toEpochMilli(), end);
            w.printf(Locale.ROOT, "%d occurrences from %s (%d acted on), %d trainings in %.1f s; scores in %s%n",
                    all.occurrences(), start, all.acted(), r.trainings(), r.trainSeconds(), out);
            w.print(all.table());
            w.print(all.policyTable());
            long lastWeek = end - Duration.ofDays(7).toMillis();
            if (lastWeek > start.toEpochMilli()) {
                Backtest.Summary late = r.summary(lastWeek, end);
                w.printf(Locale.ROOT, "last 7 days only (%d occurrences, %d acted on):%n", late.occurrences(), late.acted());
                w.print(late.table());
                w.print(late.policyTable());
            }
        }

        static Backtest.Result run(HistoryImporter importer, ModelRegistry registry, RankingConfig config, Path file,
                                   Instant from, long every, PrintStream progress) {
            Path dir;
            try {
                dir = Files.createTempDirectory("watchkeeper-backtest");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path scratch = dir.resolve("replay.db");
            try (Database db = Database.open(new DatabaseOptions("jdbc:sqlite:" + scratch, null, null, 2, 10_000, "OFF"))) {
                HistoryImporter.Report report = importer.importFile(db, file, progress);
                for (String rej : report.rejected()) {
                    progress.println(rej);
                }
                Dataset d = registry.dataset(db);
                return Backtest.run(d, from.toEpochMilli(), every, config.trainerOptions());
            } finally {
                try (var files = Files.list(dir)) {
                    files.forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort: a scratch copy in the temp folder
                }
                dir.toFile().delete();
            }
        }
    }
}
