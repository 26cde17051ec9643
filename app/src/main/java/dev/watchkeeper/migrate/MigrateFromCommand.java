package dev.watchkeeper.migrate;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.ranking.HistoryImporter;
import dev.watchkeeper.rotation.RotationPlan;
import dev.watchkeeper.rotation.RotationSettings;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code watchkeeper migrate-from opsgenie|grafana-oncall|pagerduty}: the whole move in one command
 * (docs/migrating.md). Prints progress, {@code file:line: problem} lines, a summary, the sender changes
 * and a backtest; exits 1 when part of the input was unusable, 2 on bad flags.
 */
@Command(name = "migrate-from", mixinStandardHelpOptions = true,
        description = "Move in from Opsgenie, Grafana OnCall or PagerDuty: alert history and decisions, people, schedule.")
@Prototype
public class MigrateFromCommand implements Callable<Integer>, TopLevelCommand {

    @Inject
    MigrationService migration;
    @Inject
    RotationSettings settings;

    @Parameters(paramLabel = "TOOL", description = "opsgenie, grafana-oncall or pagerduty")
    String toolName;
    @Option(names = "--alerts", paramLabel = "DIR", description = "Saved REST API pages (JSON; Opsgenie also CSV): a directory or one file.")
    Path alerts;
    @Option(names = "--schedule", paramLabel = "URL|FILE", description = "The tool's iCalendar feed of one schedule.")
    String schedule;
    @Option(names = "--rotation", paramLabel = "NAME", description = "Name of the rotation to create (default: the feed's X-WR-CALNAME, else TOOL).")
    String rotation;
    @Option(names = "--zone", paramLabel = "ZONE", description = "IANA time zone of the schedule when the feed does not name it.")
    String zone;
    @Option(names = "--people", paramLabel = "FILE", description = "CSV with header old,handle,slack mapping the tool's users to handles and Slack user IDs.")
    Path peopleFile;
    @Option(names = "--person", paramLabel = "OLD=HANDLE[:SLACKID]", description = "One more mapping (repeatable).")
    List<String> personFlags = new ArrayList<>();
    @Option(names = "--map", paramLabel = "STATE=DECISION", description = "Change one row of the state → decision table (repeatable).")
    List<String> mapFlags = new ArrayList<>();
    @Option(names = "--dry-run", description = "Read, map and infer; print what would happen; write nothing.")
    boolean dryRun;
    @Option(names = "--history-out", paramLabel = "FILE", description = "Keep the converted history file here (default: a temporary file).")
    Path historyOut;
    @Option(names = "--no-backtest", description = "Skip the backtest at the end.")
    boolean noBacktest;
    @Option(names = "--as", defaultValue = dev.watchkeeper.core.LocalActor.DEFAULT_VALUE, description = "Who creates the rotation: an admin or one of its members (default: ${DEFAULT-VALUE}).")
    String as;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Tool tool = Tool.of(toolName).orElseThrow(() -> new BadInputException("TOOL",
                "must be opsgenie, grafana-oncall or pagerduty; was '" + toolName + "'"));
        if (alerts == null && schedule == null) {
            throw new BadInputException("--alerts", "give --alerts DIR, --schedule URL|FILE or both");
        }
        ZoneId zoneId = null;
        if (zone != null) {
            try {
                zoneId = ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                throw new BadInputException("--zone", "must be an IANA time zone such as Europe/London, was '" + zone + "'");
            }
        }
        if (peopleFile != null && !Files.isReadable(peopleFile)) {
            throw new BadInputException("--people", "cannot read " + peopleFile);
        }
        DecisionMap decisions = new DecisionMap(tool, mapFlags);
        People people = People.load(peopleFile, personFlags);
        boolean problems = false;
        boolean unusable = false;

        Conversion conversion = null;
        if (alerts != null) {
            out.println("Reading the " + tool.title() + " export in " + alerts + " ...");
            out.flush();
            conversion = migration.convert(tool, alerts, decisions, people);
            for (String p : conversion.problems().lines()) {
                err.println(p);
            }
            problems |= !conversion.problems().isEmpty();
            printConversion(out, conversion);
            if (conversion.mapped() == 0) {
                err.println("error: --alerts: no usable record in " + alerts);
                unusable = true;
            }
        }

        ScheduleImport.Inferred inferred = null;
        String rotationName = rotation;
        if (schedule != null) {
            out.println("Reading the schedule " + schedule + " ...");
            out.flush();
            String ics = migration.fetchCalendar(schedule);
            inferred = migration.inferSchedule(ics, schedule, people, zoneId);
            if (rotationName == null) {
                rotationName = calendarName(ics).orElse(tool.id());
            }
            for (String p : inferred.problems()) {
                err.println(p);
            }
            printSchedule(out, rotationName, inferred);
            if (!inferred.ok()) {
                err.println("error: --schedule: no rotation can be inferred; fix the problems above");
                unusable = true;
            }
        }

        if (unusable) {
            out.println("Nothing was written.");
            return 1;
        }
        if (dryRun) {
            out.println("Dry run: nothing was written.");
            printSenders(out, tool);
            return problems ? 1 : 0;
        }

        MigrationService.Linked linked = migration.linkPeople(people);
        for (String p : linked.problems()) {
            err.println("error: " + p);
        }
        if (!linked.problems().isEmpty()) {
            out.println("Nothing was written.");
            return 1;
        }
        if (linked.people() > 0) {
            out.println("People: " + linked.people() + " handle" + (linked.people() == 1 ? "" : "s") + ", "
                    + linked.linkedToSlack() + " linked to Slack users");
        }
        if (conversion != null) {
            Path file = historyOut;
            boolean temporary = file == null;
            try {
                if (temporary) {
                    file = Files.createTempFile("watchkeeper-" + tool.id() + "-", ".jsonl");
                }
                HistoryImporter.Report r = migration.importHistory(conversion, file, System.err);
                for (String rej : r.rejected()) {
                    err.println(rej);
                }
                problems |= !r.rejected().isEmpty();
                out.printf(Locale.ROOT, "Imported %,d occurrences; %,d were already imported%s%n", r.imported(),
                        r.alreadyImported(), temporary ? "" : " (history file " + file + ")");
            } catch (IOException e) {
                throw new BadInputException("--history-out", "cannot write a history file: " + e.getMessage());
            } finally {
                if (temporary && file != null) {
                    file.toFile().delete();
                }
            }
        }
        if (inferred != null) {
            MigrationService.RotationResult rr = migration.createRotation(rotationName, inferred, as);
            for (String p : rr.problems()) {
                err.println("error: " + p);
            }
            problems |= !rr.problems().isEmpty();
            if (rr.problems().isEmpty()) {
                out.println((rr.created() ? "Created rotation " : "Rotation already there, unchanged: ") + rr.name()
                        + "; overrides added " + rr.overridesAdded() + ", already present " + rr.overridesPresent());
            }
        }
        printSenders(out, tool);
        if (conversion != null && !noBacktest) {
            printBacktest(out, migration.backtest());
        }
        return problems ? 1 : 0;
    }

    private static void printConversion(PrintWriter out, Conversion c) {
        out.println("Read: " + join(c.read()));
        Map<String, Integer> d = c.decided();
        out.printf(Locale.ROOT, "Mapped %,d occurrences: acted %,d, ack %,d, noise %,d, none %,d%n", c.mapped(),
                d.getOrDefault("acted", 0), d.getOrDefault("ack", 0), d.getOrDefault("noise", 0), d.getOrDefault("none", 0));
        out.println("State → decision:");
        for (String line : c.decisions().summary()) {
            out.println("  " + line);
        }
        int skipped = c.skipped().values().stream().mapToInt(Integer::intValue).sum();
        out.printf(Locale.ROOT, "Skipped %,d%s%n", skipped, skipped == 0 ? "" : ": " + join(c.skipped()));
        Map<String, Integer> unmapped = c.people().unmapped();
        if (!unmapped.isEmpty()) {
            out.println("Not in the people map (decisions kept without a person; add them to --people): " + join(unmapped));
        }
    }

    private static void printSchedule(PrintWriter out, String name, ScheduleImport.Inferred s) {
        for (String n : s.notes()) {
            out.println("  " + n);
        }
        if (!s.ok()) {
            return;
        }
        out.println("Rotation " + name + ": members " + String.join(", ", s.members()) + "; " + s.shiftDays() + "-day shifts, hand-over "
                + s.handoffDay().name().toLowerCase(Locale.ROOT) + " " + s.handoffTime() + " " + s.zone().getId()
                + "; shift 0 starts " + s.anchor());
        DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT).withZone(s.zone());
        for (RotationPlan.Override o : s.overrides()) {
            out.println("  override: " + o.handle() + " from " + f.format(o.from()) + " to " + f.format(o.to()));
        }
        Instant now = s.anchor();
        out.println("  the next shifts:");
        int n = 0;
        for (RotationPlan.Segment seg : s.plan().segments(now, now.plus(Duration.ofDays(Math.max(28, 2L * s.shiftDays()))))) {
            if (n++ >= 12) {
                break;
            }
            out.println("    " + f.format(seg.start()) + " – " + f.format(seg.end()) + "  " + seg.primary()
                    + (seg.overridden() ? " (override; scheduled " + seg.scheduled() + ")" : ""));
        }
    }

    private void printSenders(PrintWriter out, Tool tool) {
        String base = settings.baseUrl() == null || settings.baseUrl().isBlank() ? "https://<watchkeeper host>"
                : settings.baseUrl().replaceAll("/+$", "");
        out.println();
        out.println("Change the senders (create each token first, e.g. ./watchkeeper integration create --kind alertmanager --name from-"
                + tool.id() + "):");
        out.println("  Alertmanager, alertmanager.yml:");
        out.println("    receivers:");
        out.println("      - name: watchkeeper");
        out.println("        webhook_configs:");
        out.println("          - url: " + base + "/ingest/alertmanager/<TOKEN>");
        out.println("            send_resolved: true");
        switch (tool) {
            case OPSGENIE -> out.println("    and route to it instead of the receiver with opsgenie_configs.");
            case GRAFANA_ONCALL -> out.println("    and route to it instead of the Grafana OnCall webhook; Grafana alerting contact points: "
                    + base + "/ingest/grafana/<TOKEN>");
            case PAGERDUTY -> out.println("    and route to it instead of the receiver with pagerduty_configs.");
        }
        out.println("  PagerDuty Events v2 senders: replace https://events.pagerduty.com/v2/enqueue with " + base
                + "/v2/enqueue and use a token of --kind pagerduty as the routing_key.");
    }

    private static void printBacktest(PrintWriter out, MigrationService.BacktestResult b) {
        out.println();
        if (b.summary() == null) {
            out.println("Backtest: " + String.join("; ", b.notes()));
            return;
        }
        out.printf(Locale.ROOT, "Backtest of the ranker trained on the imported history: %,d occurrences from %s (%,d acted on),"
                + " %d training%s%n", b.occurrences(), b.from(), b.acted(), b.trainings(), b.trainings() == 1 ? "" : "s");
        if (!b.notes().isEmpty()) {
            out.println("  note: " + b.notes().get(0) + (b.notes().size() > 1 ? " (and " + (b.notes().size() - 1) + " more cutoffs)" : ""));
        }
        out.print(b.summary().table());
        if (b.trainings() == 0) {
            out.println("No model could be trained on this much history: the \"model\" row is the per-alert-name rate,"
                    + " which ranks the queue until there is enough (retraining runs on its schedule).");
        } else {
            out.println(b.summary().modelBeatsRate() ? "The model beats the per-alert-name rate on all three measures."
                    : "The model does not beat the per-alert-name rate on every measure yet.");
        }
    }

    private static String join(Map<String, Integer> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %,d", k, v)));
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private static java.util.Optional<String> calendarName(String ics) {
        return ics.lines().filter(l -> l.startsWith("X-WR-CALNAME:")).findFirst()
                .map(l -> ScheduleImport.slug(l.substring(13))).filter(s -> !s.isEmpty());
    }
}
