package dev.watchkeeper.cli;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.ActionRow;
import dev.watchkeeper.db.AlertRow;
import dev.watchkeeper.triage.ActionRequest;
import dev.watchkeeper.triage.Item;
import dev.watchkeeper.triage.ItemContext;
import dev.watchkeeper.triage.ItemDetail;
import dev.watchkeeper.triage.TriageService;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** {@code watchkeeper item ...}: add a manual item, show one, and act on it as the HTTP API does. */
@Command(name = "item", description = "Add, show and act on triage items.", mixinStandardHelpOptions = true,
        subcommands = {ItemCommand.Add.class, ItemCommand.Show.class, ItemCommand.Ack.class, ItemCommand.Act.class,
                ItemCommand.Noise.class, ItemCommand.Snooze.class, ItemCommand.Assign.class, ItemCommand.Note.class})
@Prototype
public class ItemCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Who acts: {@code --by}, else WATCHKEEPER_USER, else the login name. */
    static String actor(String by) {
        if (by != null && !by.isBlank()) {
            return by;
        }
        String env = System.getenv("WATCHKEEPER_USER");
        return env != null && !env.isBlank() ? env : System.getProperty("user.name");
    }

    /** Options every action takes. */
    abstract static class ActionBase implements Runnable {
        @Inject
        TriageService triage;
        @Parameters(index = "0", paramLabel = "ID", description = "The item's id.")
        int id;
        @Option(names = "--by", description = "Who acts (default: WATCHKEEPER_USER or your login name).")
        String by;
        @Option(names = "--note", description = "Why, in a few words.")
        String note;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract ActionRequest request(String actor);

        @Override
        public void run() {
            ActionRequest r = request(actor(by));
            Item after = triage.act(id, r);
            spec.commandLine().getOut().println("Item " + after.id() + ": " + r.kind() + " by " + r.actor()
                    + " — now " + after.state()
                    + (after.assignee() != null ? ", assigned to " + after.assignee() : "")
                    + (after.snoozedUntil() != null && after.snoozedUntil().isAfter(triage.now())
                    ? ", snoozed until " + after.snoozedUntil() : "") + ".");
        }
    }

    @Command(name = "add", description = "Add a manual item (e.g. a user complaint).", mixinStandardHelpOptions = true)
    @Prototype
    public static class Add implements Runnable {
        @Inject
        TriageService triage;
        @Parameters(index = "0", paramLabel = "TEXT", description = "What happened.")
        String text;
        @Option(names = "--by", description = "Who adds it (default: WATCHKEEPER_USER or your login name).")
        String by;
        @Option(names = "--service", description = "The service concerned.")
        String service;
        @Option(names = "--severity", description = "critical, error, warning (default) or info.")
        String severity;
        @Option(names = "--link", description = "Where it came from (a ticket or message URL).")
        String link;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Item item = triage.addManual(text, actor(by), "cli", service, severity, link);
            spec.commandLine().getOut().println("Item " + item.id() + " added: " + item.title() + " ("
                    + item.severity() + (item.service() == null ? "" : ", " + item.service()) + ").");
        }
    }

    @Command(name = "show", description = "Show an item with its alerts and actions.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Show implements Runnable {
        @Inject
        TriageService triage;
        @Parameters(index = "0", paramLabel = "ID", description = "The item's id.")
        int id;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            ItemDetail d = triage.item(id);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(d));
                return;
            }
            Item i = d.item();
            out.println("Item " + i.id() + ": " + i.title());
            out.println("  state:    " + i.state() + (i.sourceResolved() ? " (all alerts resolved at the source)" : "")
                    + (i.snoozedUntil() != null && i.snoozedUntil().isAfter(triage.now())
                    ? ", snoozed until " + i.snoozedUntil() : ""));
            out.println("  severity: " + i.severity() + (i.service() == null ? "" : "   service: " + i.service()));
            out.println("  group:    " + i.groupKey());
            out.println("  alerts:   " + i.firingCount() + " firing of " + i.alertCount());
            if (i.assignee() != null) {
                out.println("  assignee: " + i.assignee());
            }
            if (i.score() != null) {
                out.printf(Locale.ROOT, "  score:    %.2f (%s)%n", i.score(), i.scoreReason());
            }
            if (i.lane() != null) {
                out.println("  lane:     " + i.lane() + (i.laneReason() == null ? "" : " (" + i.laneReason() + ")"));
            }
            int shown = 0;
            for (AlertRow a : d.alerts()) {
                if (shown++ == 10) {
                    out.println("  ... and " + (d.alerts().size() - 10) + " more alerts");
                    break;
                }
                out.println("  - " + a.status() + " " + a.alertname() + " [" + a.severity() + "] fired "
                        + a.fireCount() + "x, last seen " + a.lastSeenAt() + (a.summary() == null ? "" : ": " + a.summary()));
            }
            for (ItemContext.Line line : d.context()) {
                out.println("  " + line.label() + ": " + line.text() + (line.url() == null ? "" : " " + line.url()));
            }
            if (!d.actions().isEmpty()) {
                out.println("Actions:");
                for (ActionRow a : d.actions()) {
                    out.println("  " + a.at() + " " + a.kind() + " by " + a.actor() + " via " + a.surface()
                            + (a.note() == null ? "" : ": " + a.note()));
                }
            }
        }
    }

    @Command(name = "ack", description = "Acknowledge: aware, no action needed now.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Ack extends ActionBase {
        @Override
        ActionRequest request(String actor) {
            return new ActionRequest("ack", actor, "cli", note, null, null);
        }
    }

    @Command(name = "act", description = "Acted: fixed, mitigated, escalated or ticket filed (records 'acted').",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Act extends ActionBase {
        @Override
        ActionRequest request(String actor) {
            return new ActionRequest("acted", actor, "cli", note, null, null);
        }
    }

    @Command(name = "noise", description = "Dismiss as noise (a false positive).", mixinStandardHelpOptions = true)
    @Prototype
    public static class Noise extends ActionBase {
        @Override
        ActionRequest request(String actor) {
            return new ActionRequest("noise", actor, "cli", note, null, null);
        }
    }

    @Command(name = "snooze", description = "Hide the item from the queue until a time.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Snooze extends ActionBase {
        @Option(names = "--until", required = true,
                description = "An RFC 3339 time (2026-03-02T18:00:00Z) or a duration from now (30m, 2h, 1d).")
        String until;

        @Override
        ActionRequest request(String actor) {
            return new ActionRequest("snooze", actor, "cli", note, parseUntil(until, triage.now()), null);
        }
    }

    @Command(name = "assign", description = "Assign the item to a person.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Assign extends ActionBase {
        @Option(names = "--to", required = true, description = "The assignee's handle.")
        String to;

        @Override
        ActionRequest request(String actor) {
            return new ActionRequest("assign", actor, "cli", note, null, to);
        }
    }

    @Command(name = "note", description = "Add a note to the item.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Note extends ActionBase {
        @Parameters(index = "1", paramLabel = "TEXT", description = "The note.")
        String text;

        @Override
        ActionRequest request(String actor) {
            return new ActionRequest("note", actor, "cli", text, null, null);
        }
    }

    static Instant parseUntil(String raw, Instant now) {
        return dev.watchkeeper.core.Durations.until("until", raw, now);
    }
}
