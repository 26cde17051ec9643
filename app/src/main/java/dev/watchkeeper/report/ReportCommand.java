package dev.watchkeeper.report;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.report.ReportRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code watchkeeper report ...}: draft, read, edit and publish shift and incident reports. */
@Command(name = "report", description = "Draft, edit and publish shift and incident reports.",
        mixinStandardHelpOptions = true,
        subcommands = {ReportCommand.Shift.class, ReportCommand.Incident.class, ReportCommand.Show.class,
                ReportCommand.ListReports.class, ReportCommand.Edit.class, ReportCommand.Publish.class,
                ReportCommand.Chart.class})
@Prototype
public class ReportCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Who acts: {@link dev.watchkeeper.core.LocalActor}'s one rule. */
    static String actor(String by) {
        return dev.watchkeeper.core.LocalActor.of(by);
    }

    static void footer(CommandLine.Model.CommandSpec spec, ReportRow r) {
        spec.commandLine().getErr().printf("Draft report %d stored. Edit it with `watchkeeper report edit %d --file FILE`; "
                + "publish it with `watchkeeper report publish %d`.%n", r.id(), r.id(), r.id());
    }

    /** Accepts 2026-03-02T09:00:00Z, 2026-03-02T09:00 (UTC) or 2026-03-02 (midnight UTC). */
    static Instant parseTime(String field, String value) {
        if (value == null) {
            return null;
        }
        return dev.watchkeeper.core.Bounds.require(parseUnbounded(field, value), field);
    }

    private static Instant parseUnbounded(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new BadInputException(field, "is not a time: '" + value
                            + "' (use 2026-03-02T09:00:00Z, 2026-03-02T09:00 or 2026-03-02; UTC)");
                }
            }
        }
    }

    @Command(name = "shift", description = "Draft the report of a shift (default: the last 7 days) and print it.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Shift implements Runnable {
        @Inject
        ReportService reports;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--from", description = "Start of the shift (default: the start of the rotation's last shift, or 7 days before --to).")
        String from;
        @Option(names = "--to", description = "End of the shift (default: the end of the rotation's last shift, or now).")
        String to;
        @Parameters(arity = "0..1", paramLabel = "ROTATION", description = "The rotation's name, as --rotation.")
        String rotationWord;
        @Option(names = "--rotation", description = "The rotation's name.")
        String rotation;
        @Option(names = "--primary", description = "Who was primary.")
        String primary;
        @Option(names = "--shadow", description = "Who shadowed (repeatable).")
        List<String> shadows;
        @Option(names = "--by", description = "Who drafts it (default: WATCHKEEPER_USER or your login name).")
        String by;
        @Option(names = "--preview", description = "Print the report without storing a draft.")
        boolean preview;

        public boolean preview() {
            return preview;
        }

        /** The shift asked for, as {@code actor} sees it (Slack's {@code /report shift} parses its text with this class). */
        public ShiftWindow window(ReportService reports, String actor) {
            if (rotation != null && rotationWord != null) {
                throw new BadInputException("rotation", "give it once: as --rotation or as a word");
            }
            ShiftWindow last = reports.lastShift(rotation != null ? rotation : rotationWord, actor);
            Instant end = to != null ? parseTime("to", to) : last.end();
            // No times given: the rotation's last shift as it is. Only --to: the seven days before it.
            Instant start = from != null ? parseTime("from", from)
                    : to == null ? last.start() : end.minus(LastWeekShiftWindows.LENGTH);
            return new ShiftWindow(last.rotation(), start, end, primary != null ? primary : last.primary(),
                    shadows != null ? shadows : last.shadows());
        }

        @Override
        public void run() {
            String actor = actor(by);
            ShiftWindow w = window(reports, actor);
            PrintWriter out = spec.commandLine().getOut();
            if (preview) {
                out.print(reports.renderShift(w));
                return;
            }
            ReportRow r = reports.draftShift(w, actor);
            out.print(r.body());
            footer(spec, r);
        }
    }

    @Command(name = "incident", description = "Draft the post-incident report of an item and print it.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Incident implements Runnable {
        @Inject
        ReportService reports;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ITEM", converter = dev.watchkeeper.triage.ItemCommand.ItemId.class,
                description = "The item's id (42 or #42).")
        int item;
        @Option(names = "--by", description = "Who drafts it (default: WATCHKEEPER_USER or your login name).")
        String by;

        public int item() {
            return item;
        }

        @Override
        public void run() {
            ReportRow r = reports.draftIncident(item, actor(by));
            spec.commandLine().getOut().print(r.body());
            footer(spec, r);
        }
    }

    @Command(name = "show", description = "Print a report's Markdown (or JSON).", mixinStandardHelpOptions = true)
    @Prototype
    public static class Show implements Runnable {
        @Inject
        ReportService reports;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        int id;
        @Option(names = "--json", description = "Print JSON with the state and both texts.")
        boolean json;

        @Override
        public void run() {
            ReportRow r = reports.get(id);
            spec.commandLine().getOut().print(json ? Json.write(r) + "\n" : r.body());
        }
    }

    @Command(name = "list", description = "List reports, newest first.", mixinStandardHelpOptions = true)
    @Prototype
    public static class ListReports implements Runnable {
        @Inject
        ReportService reports;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--kind", description = "shift or incident.")
        String kind;
        @Option(names = "--state", description = "draft or published.")
        String state;

        @Override
        public void run() {
            List<ReportRow> list = reports.list(kind, state, 50);
            PrintWriter out = spec.commandLine().getOut();
            if (list.isEmpty()) {
                out.println("No reports yet.");
            }
            for (ReportRow r : list) {
                out.printf("%5d  %-8s  %-9s  %s%n", r.id(), r.kind(), r.state(), r.title());
            }
        }
    }

    @Command(name = "edit", description = "Replace a draft's text with a file's (or standard input's) Markdown.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Edit implements Runnable {
        @Inject
        ReportService reports;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        int id;
        @Option(names = "--file", required = true, description = "The new Markdown; '-' reads standard input.")
        String file;
        @Option(names = "--by", description = "Who edits (default: WATCHKEEPER_USER or your login name).")
        String by;

        @Override
        public void run() {
            String text;
            try {
                text = "-".equals(file) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file));
            } catch (IOException e) {
                throw new BadInputException("file", "cannot be read: " + e.getMessage());
            }
            ReportRow r = reports.edit(id, text, actor(by));
            spec.commandLine().getOut().printf("Report %d edited by %s.%n", r.id(), r.editedBy());
        }
    }

    @Command(name = "publish", description = "Publish a draft: final, and posted to the rotation's channel.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Publish implements Runnable {
        @Inject
        ReportService reports;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        int id;
        @Option(names = "--by", description = "Who publishes (default: WATCHKEEPER_USER or your login name).")
        String by;

        @Override
        public void run() {
            ReportRow r = reports.publish(id, actor(by));
            spec.commandLine().getOut().printf("Report %d published by %s.%n", r.id(), r.publishedBy());
        }
    }

    @Command(name = "chart", description = "Write a report's chart (alerts per hour or day, paged vs quiet) as PNG.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Chart implements Runnable {
        @Inject
        ReportService reports;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        int id;
        @Option(names = "--out", required = true, description = "Where to write the PNG.")
        Path out;

        @Override
        public void run() {
            try {
                Files.write(out, reports.chart(id));
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + out, e);
            }
            spec.commandLine().getOut().printf("Wrote %s.%n", out);
        }
    }
}
