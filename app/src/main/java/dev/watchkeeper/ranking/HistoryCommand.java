package dev.watchkeeper.ranking;

import dev.watchkeeper.core.TopLevelCommand;
import dev.watchkeeper.core.BadInputException;
import io.micronaut.context.annotation.Prototype;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code watchkeeper history import FILE.jsonl}. */
@Command(name = "history", description = "Import a history of past alerts and decisions.", mixinStandardHelpOptions = true,
        subcommands = HistoryCommand.Import.class)
@Prototype
public class HistoryCommand implements Runnable, TopLevelCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", description = {
            "Load a history file (JSON Lines, one alert occurrence and its decision per line) with its original timestamps.",
            "Format, fields and a complete example: docs/history-format.md (example file: docs/examples/history.jsonl)."},
            mixinStandardHelpOptions = true)
    @Prototype
    public static class Import implements java.util.concurrent.Callable<Integer> {
        @Inject
        HistoryImporter importer;
        @Parameters(paramLabel = "FILE.jsonl")
        Path file;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isReadable(file)) {
                throw new BadInputException("FILE", "cannot read " + file);
            }
            HistoryImporter.Report r = importer.importFile(file, System.err);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            for (String line : r.rejected()) {
                err.println(line);
            }
            out.println("imported " + r.imported() + " occurrences from " + file
                    + (r.alreadyImported() > 0 ? "; " + r.alreadyImported() + " were already imported" : "")
                    + (r.rejected().isEmpty() ? "" : "; rejected " + r.rejected().size() + " problem(s), see above"));
            return r.rejected().isEmpty() ? 0 : 1;
        }
    }
}
