package dev.watchkeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code watchkeeper aot-training}: the training run of JDK 25's ahead-of-time cache (JEP 483/514). The
 * launcher runs it once after each build with {@code -XX:AOTCacheOutput}; the classes it loads and links
 * (Micronaut's context, picocli, jOOQ, SQLite, Flyway) are then mapped ready-made by every later command,
 * which is most of a command's start-up. It works on a throw-away database and prints nothing on success.
 */
@Command(name = "aot-training", hidden = true, mixinStandardHelpOptions = true,
        description = "Exercise the common commands on a scratch database (used to build the start-up cache).")
public class AotTrainingCommand implements Runnable {

    /** Commands people run most; each runs in its own application context, as from the shell. */
    static final List<String[]> COMMANDS = List.of(
            new String[]{"--help"},
            new String[]{"queue"},
            new String[]{"queue", "--json"},
            new String[]{"item", "add", "warm-up", "--by", "aot"},
            new String[]{"item", "show", "1"},
            new String[]{"item", "ack", "1", "--by", "aot"},
            new String[]{"model", "list"},
            new String[]{"rotation", "list"},
            new String[]{"report", "list"});

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Path dir;
        try {
            dir = Files.createTempDirectory("watchkeeper-aot");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a scratch folder: " + e.getMessage(), e);
        }
        try {
            Map<String, Object> scratch = Map.of("watchkeeper.db.url", "jdbc:sqlite:" + dir.resolve("aot.db"),
                    "watchkeeper.playbooks.watch", false);
            StringWriter sink = new StringWriter();
            for (String[] args : COMMANDS) {
                WatchkeeperCommand.execute(scratch, new PrintWriter(sink), new PrintWriter(sink), args);
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a scratch folder left in the temp directory is harmless
        }
    }
}
