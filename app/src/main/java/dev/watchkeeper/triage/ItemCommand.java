package dev.watchkeeper.triage;

import dev.watchkeeper.core.BadInputException;
import dev.watchkeeper.core.Bounds;
import dev.watchkeeper.core.Durations;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.core.LocalActor;
import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.db.ingest.AlertRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code watchkeeper item ...}: add a manual item, show one, and act on it as the HTTP API does. Slack's
 * {@code /triage} parses its text with these same classes (without running them), so both surfaces take the same
 * arguments and give the same errors; each class says what to do through {@link ActionBase#request}.
 */
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

    /** An item's id as people type it: {@code 42} or {@code #42}. */
    public static final class ItemId implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String s = value.strip();
            try {
                int id = Integer.parseInt(s.startsWith("#") ? s.substring(1) : s);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("must be an item number such as 42; was '" + value + "'");
        }
    }

    /** Options every action takes. */
    public abstract static class ActionBase implements Runnable {
        @Inject
        TriageService triage;
        @Parameters(index = "0", paramLabel = "ID", converter = ItemId.class, description = "The item's id.")
        int id;
        @Option(names = "--by", description = "Who acts (default: WATCHKEEPER_USER or your login name).")
        String by;
        @Option(names = "--note", description = "Why, in a few words.")
        String note;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        public int id() {
            return id;
        }

        /** The action, taken by {@code actor} through {@code surface} ({@code cli}, {@code slack}) at {@code now}. */
        public abstract ActionRequest request(String actor, String surface, Instant now);

        @Override
        public void run() {
            ActionRequest r = request(LocalActor.of(by), "cli", triage.now());
            Item after = triage.act(id, r);
            spec.commandLine().getOut().println("Item " + after.id() + ": " + r.kind().wire() + " by " + r.actor()
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
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "TEXT", description = "What happened.")
        List<String> text;
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

        /** Adds the item as {@code actor} through {@code surface}. */
        public Item add(TriageService triage, String actor, String surface) {
            return triage.addManual(String.join(" ", text), actor, surface, service, severity, link);
        }

        @Override
        public void run() {
            Item item = add(triage, LocalActor.of(by), "cli");
            spec.commandLine().getOut().println("Item " + item.id() + " added: " + item.title() + " ("
                    + item.severity() + (item.service() == null ? "" : ", " + item.service()) + ").");
        }
    }

    @Command(name = "show", description = "Show an item with its alerts and actions.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Show implements Runnable {
        @Inject
        ItemDetails details;
        @Inject
        java.time.Clock clock;
        @Parameters(index = "0", paramLabel = "ID", converter = ItemId.class, description = "The item's id.")
        int id;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        public int id() {
            return id;
        }

        @Override
        public void run() {
            ItemDetail d = details.item(id);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(d));
                return;
            }
            Item i = d.item();
            out.println("Item " + i.id() + ": " + i.title());
            out.println("  state:    " + i.state() + (i.sourceResolved() ? " (all alerts resolved at the source)" : "")
                    + (i.snoozedUntil() != null && i.snoozedUntil().isAfter(clock.instant())
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

    /** ack, act and noise: the words after the ID are the note, as {@code --note} is. */
    abstract static class Decision extends ActionBase {
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "NOTE", description = "Why, in a few words (as --note).")
        List<String> words;

        ActionRequest decision(ActionKind kind, String actor, String surface) {
            if (note != null && words != null && !words.isEmpty()) {
                throw new BadInputException("note", "give it once: as --note or as the words after the ID");
            }
            String text = note != null ? note : words == null || words.isEmpty() ? null : String.join(" ", words);
            return new ActionRequest(kind, actor, surface, text, null, null);
        }
    }

    @Command(name = "ack", description = "Acknowledge: aware, no action needed now.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Ack extends Decision {
        @Override
        public ActionRequest request(String actor, String surface, Instant now) {
            return decision(ActionKind.ACK, actor, surface);
        }
    }

    @Command(name = "act", aliases = "acted", description = "Acted: fixed, mitigated, escalated or ticket filed (records 'acted').",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Act extends Decision {
        @Override
        public ActionRequest request(String actor, String surface, Instant now) {
            return decision(ActionKind.ACTED, actor, surface);
        }
    }

    @Command(name = "noise", description = "Dismiss as noise (a false positive).", mixinStandardHelpOptions = true)
    @Prototype
    public static class Noise extends Decision {
        @Override
        public ActionRequest request(String actor, String surface, Instant now) {
            return decision(ActionKind.NOISE, actor, surface);
        }
    }

    @Command(name = "snooze", description = "Hide the item from the queue for a while (snooze 42 2h) or until a time.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Snooze extends ActionBase {
        @Parameters(index = "1", arity = "0..1", paramLabel = "DURATION",
                description = "How long from now: 30m, 2h, 1d or 1w (or give --until).")
        String duration;
        @Option(names = "--until",
                description = "An RFC 3339 time (2026-03-02T18:00:00Z) or a duration from now (30m, 2h, 1d).")
        String until;

        @Override
        public ActionRequest request(String actor, String surface, Instant now) {
            if (duration != null && until != null) {
                throw new BadInputException("until", "give either DURATION or --until, not both");
            }
            if (duration == null && until == null) {
                throw new BadInputException("duration", "is required: how long, e.g. 2h (or --until TIME)");
            }
            Instant t = until != null ? Durations.until("until", until, now)
                    : Bounds.require(now.plus(Durations.parse("duration", duration)), "duration");
            return new ActionRequest(ActionKind.SNOOZE, actor, surface, note, t, null);
        }
    }

    @Command(name = "assign", description = "Assign the item to a person (assign 42 alice, or --to alice).",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Assign extends ActionBase {
        @Parameters(index = "1", arity = "0..1", paramLabel = "ASSIGNEE",
                description = "The assignee's handle (or give --to); in Slack also an @mention.")
        String assignee;
        @Option(names = "--to", description = "The assignee's handle.")
        String to;

        /** Who is to be assigned, as typed ({@code @} included); null when not given. */
        public String assignee() {
            if (assignee != null && to != null) {
                throw new BadInputException("user", "give either ASSIGNEE or --to, not both");
            }
            return to != null ? to : assignee;
        }

        @Override
        public ActionRequest request(String actor, String surface, Instant now) {
            String who = assignee();
            if (who == null || who.isBlank()) {
                throw new BadInputException("user", "is required: who takes it, e.g. assign 42 alice");
            }
            return new ActionRequest(ActionKind.ASSIGN, actor, surface, note, null, who.startsWith("@") ? who.substring(1) : who);
        }
    }

    @Command(name = "note", description = "Add a note to the item.", mixinStandardHelpOptions = true)
    @Prototype
    public static class Note extends ActionBase {
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The note.")
        List<String> text;

        @Override
        public ActionRequest request(String actor, String surface, Instant now) {
            return new ActionRequest(ActionKind.NOTE, actor, surface, String.join(" ", text), null, null);
        }
    }
}
