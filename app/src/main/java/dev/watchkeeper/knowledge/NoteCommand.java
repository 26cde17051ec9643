package dev.watchkeeper.knowledge;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.db.knowledge.NoteRow;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code watchkeeper note add|list}: tribal-knowledge notes about alerts. */
@Command(name = "note", description = "Add and list notes about alerts (tribal knowledge).",
        mixinStandardHelpOptions = true, subcommands = {NoteCommand.Add.class, NoteCommand.ListNotes.class})
@Prototype
public class NoteCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", description = "Note something about an alert name, or about the alert of an item.",
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Add implements Runnable {
        @Inject
        KnowledgeService knowledge;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ALERTNAME|ITEM")
        String target;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT")
        List<String> text;
        @Option(names = "--by", description = "Who writes it (default: WATCHKEEPER_USER or your login name).")
        String by;

        /**
         * Keeps the note as {@code actor}; {@code source} says where it came from ({@code cli}, or {@code command}
         * for Slack's {@code /note}, which parses its text with this class).
         */
        public KnowledgeService.NoteResult add(KnowledgeService knowledge, String actor, String source) {
            return knowledge.addNote(target, String.join(" ", text), actor, source);
        }

        @Override
        public void run() {
            KnowledgeService.NoteResult r = add(knowledge, dev.watchkeeper.core.LocalActor.of(by), "cli");
            spec.commandLine().getOut().println(r.merged()
                    ? "Merged into note " + r.note().id() + " for " + r.note().alertname() + " (noted "
                    + r.note().seenCount() + " times)."
                    : "Note " + r.note().id() + " kept for " + r.note().alertname() + ".");
        }
    }

    @Command(name = "list", description = "List notes, by alert name.", mixinStandardHelpOptions = true)
    @Prototype
    public static class ListNotes implements Runnable {
        @Inject
        KnowledgeService knowledge;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--alert", description = "Only notes about this alert name.")
        String alert;

        @Override
        public void run() {
            List<NoteRow> notes = alert == null ? knowledge.all() : knowledge.notesFor(List.of(alert));
            PrintWriter out = spec.commandLine().getOut();
            if (notes.isEmpty()) {
                out.println("No notes yet.");
            }
            for (NoteRow n : notes) {
                out.printf("%4d  %s: %s%n", n.id(), n.alertname(), NoteContext.describe(n));
            }
        }
    }
}
