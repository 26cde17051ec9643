package dev.watchkeeper.knowledge;

import dev.watchkeeper.core.TopLevelCommand;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code watchkeeper knowledge ...}: turn notes into playbook drafts; capture notes from past actions. */
@Command(name = "knowledge", description = "Tribal knowledge: playbook drafts from notes.",
        mixinStandardHelpOptions = true,
        subcommands = {KnowledgeCommand.DraftPlaybooks.class, KnowledgeCommand.Capture.class})
@Prototype
public class KnowledgeCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "draft-playbooks", mixinStandardHelpOptions = true,
            description = "Propose playbook additions from notes: a diff, or the files written with --write.")
    @Prototype
    public static class DraftPlaybooks implements Runnable {
        @Inject
        KnowledgeService knowledge;
        @Inject
        PlaybookDrafter drafter;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--dir", defaultValue = "playbooks", description = "The playbooks folder (default: ${DEFAULT-VALUE}).")
        Path dir;
        @Option(names = "--write", description = "Write the changes (without it nothing is changed).")
        boolean write;

        @Override
        public void run() {
            knowledge.captureFromActions();
            List<PlaybookDrafter.Change> changes = drafter.draft(dir, knowledge.all());
            PrintWriter out = spec.commandLine().getOut();
            if (changes.isEmpty()) {
                out.println("Nothing to propose: every note is already in the playbooks.");
                return;
            }
            for (PlaybookDrafter.Change c : changes) {
                if (write) {
                    drafter.write(c);
                    out.printf("%s %s (%s)%n", c.newFile() ? "Created" : "Updated", c.path(), String.join(", ", c.alertnames()));
                } else {
                    out.print(c.diff());
                }
            }
            if (!write) {
                out.printf("%d file%s would change. Nothing was written; run again with --write to apply.%n",
                        changes.size(), changes.size() == 1 ? "" : "s");
            }
        }
    }

    @Command(name = "capture", mixinStandardHelpOptions = true,
            description = "Keep the notes of past actions (e.g. imported history) as knowledge.")
    @Prototype
    public static class Capture implements Runnable {
        @Inject
        KnowledgeService knowledge;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            int n = knowledge.captureFromActions();
            spec.commandLine().getOut().printf("Captured %d note%s from actions.%n", n, n == 1 ? "" : "s");
        }
    }
}
