package dev.watchkeeper.ranking;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.triage.AlertPipeline;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;

/** {@code watchkeeper demo}: a synthetic history loaded through the import path, then a model trained on it. */
@Command(name = "demo", description = "Load a SYNTHETIC 60-day alert history (seeded) and train a model on it.",
        mixinStandardHelpOptions = true)
@Prototype
public class DemoCommand implements Runnable, TopLevelCommand {

    @Inject
    HistoryImporter importer;
    @Inject
    ModelRegistry registry;
    @Inject
    AlertPipeline pipeline;
    @Inject
    Database db;
    @Inject
    TriageStore triage;
    @Inject
    Clock clock;
    @Inject
    dev.watchkeeper.rotation.RotationService rotations;
    @Inject
    dev.watchkeeper.rotation.MembershipService membership;

    /** The demo team: the people who decide in the synthetic history; the last one joins as a shadow. */
    static final String DEMO_ROTATION = "ml-demo";
    static final List<String> DEMO_MEMBERS = List.of("alice", "bob", "chen");
    static final String DEMO_SHADOW = "dana";

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--days", defaultValue = "60", description = "days of history (default: ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--out", description = "also keep the history file here (default: a temporary file)")
    Path out;
    @Option(names = "--start", description = "first day of the history, e.g. 2026-01-01 (default: --days before today)")
    java.time.LocalDate startDay;
    @Option(names = "--no-train", description = "only load the history")
    boolean noTrain;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (days < 7 || days > 3650) {
            throw new dev.watchkeeper.core.BadInputException("--days", "must be between 7 and 3650, was " + days);
        }
        PrintWriter w = spec.commandLine().getOut();
        Instant now = clock.instant();
        Instant start = startDay != null ? startDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                : now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days));
        if (!start.isBefore(now)) {
            throw new dev.watchkeeper.core.BadInputException("--start", "must be in the past, was " + startDay);
        }
        List<String> lines = DemoHistory.generate(seed, start, days, now);
        Path file = out;
        try {
            if (file == null) {
                file = Files.createTempFile("watchkeeper-demo", ".jsonl");
                file.toFile().deleteOnExit();
            }
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        w.println("SYNTHETIC demo history: " + lines.size() + " occurrences over " + days + " days (seed " + seed
                + ") in " + file);
        HistoryImporter.Report r = importer.importFile(file, System.err);
        w.println("imported " + r.imported() + " occurrences" + (r.alreadyImported() > 0
                ? " (" + r.alreadyImported() + " were already there)" : ""));
        if (!noTrain) {
            try {
                ModelRegistry.Outcome o = registry.train(now);
                w.println("trained " + o.version().name() + ": " + o.decision());
            } catch (Trainer.NotEnoughHistory e) {
                w.println("not trained: " + e.getMessage());
            }
        }
        List<Integer> open = db.read(dsl -> triage.queue(dsl, QueueFilter.active(now, 100_000)))
                .stream().map(i -> i.id()).toList();
        for (int id : open) {
            pipeline.process(id, EnumSet.noneOf(dev.watchkeeper.triage.ItemEvent.Kind.class));
        }
        w.println("scored " + open.size() + " open items; see them with './watchkeeper queue'");
        demoRotation(w);
    }

    /** A rotation over the demo history, with a primary and a newcomer shadowing, so reports have people in them. */
    private void demoRotation(PrintWriter w) {
        if (rotations.findRotation(DEMO_ROTATION).isPresent()) {
            w.println("rotation " + DEMO_ROTATION + " already exists");
            return;
        }
        // Hand off on the weekday three days ago, so the shift in progress (the one 'report shift' tells, since
        // none has completed yet) already holds three days of the demo's alerts whatever day the demo runs.
        String handoffDay = clock.instant().atZone(java.time.ZoneOffset.UTC).minusDays(3).getDayOfWeek()
                .name().toLowerCase(java.util.Locale.ROOT);
        membership.create(new dev.watchkeeper.rotation.NewRotation(DEMO_ROTATION, DEMO_MEMBERS, 7,
                handoffDay, "09:00", "UTC", null, null, null), DEMO_MEMBERS.getFirst());
        membership.join(DEMO_ROTATION, DEMO_SHADOW, DEMO_SHADOW);
        var on = rotations.onCallNow(DEMO_ROTATION);
        w.println("created rotation " + DEMO_ROTATION + " (" + String.join(", ", DEMO_MEMBERS) + "; " + DEMO_SHADOW
                + " shadows): " + on.primary() + " is primary now; try './watchkeeper report shift'");
    }
}
