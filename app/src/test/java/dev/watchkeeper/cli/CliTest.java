package dev.watchkeeper.cli;

import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelp() {
        Path db = dir.resolve("wk.db");
        for (String command : new String[]{"serve", "migrate", "version", "queue"}) {
            Cli.Result r = Cli.run(db, command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertTrue(r.out().startsWith("Usage: watchkeeper " + command), r.out());
        }
        Cli.Result top = Cli.run(db, "--help");
        assertTrue(top.out().contains("serve") && top.out().contains("migrate") && top.out().contains("queue"));
    }

    /** Every command a domain marks as top-level is on the root's list (otherwise it could not be run). */
    @Test
    void everyTopLevelCommandIsListed() throws Exception {
        java.util.Set<String> marked = new java.util.TreeSet<>();
        try (var files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith("Command.java")).toList()) {
                if (Files.readString(f).matches("(?s).*class \\w+ (extends \\w+ )?implements [^{]*TopLevelCommand.*")) {
                    marked.add(f.getFileName().toString().replace(".java", ""));
                }
            }
        }
        java.util.Set<String> listed = new java.util.TreeSet<>();
        WatchkeeperCommand.DOMAIN_COMMANDS.forEach(c -> listed.add(c.getSimpleName()));
        assertTrue(marked.size() >= 10, "found only " + marked);
        assertEquals(marked, listed);
    }

    /**
     * Help, the version and a usage error answer before anything starts: here the database URL points into a
     * file, so opening it would fail, and nothing is created.
     */
    @Test
    void helpVersionAndUsageErrorsNeedNoDatabase() throws Exception {
        Path notADir = dir.resolve("plain-file");
        Files.writeString(notADir, "x");
        Path db = notADir.resolve("wk.db");
        Cli.Result help = Cli.run(db, "--help");
        assertEquals(0, help.exitCode(), help.err());
        for (Class<?> c : WatchkeeperCommand.DOMAIN_COMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            assertTrue(help.out().contains("  " + name + " "), name + " missing from\n" + help.out());
        }
        Cli.Result itemHelp = Cli.run(db, "item", "ack", "--help");
        assertEquals(0, itemHelp.exitCode(), itemHelp.err());
        assertTrue(itemHelp.out().startsWith("Usage: watchkeeper item ack"), itemHelp.out());
        Cli.Result version = Cli.run(db, "--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("watchkeeper "), version.out());
        Cli.Result unknown = Cli.run(db, "qeueu");
        assertEquals(2, unknown.exitCode(), unknown.out());
        assertTrue(unknown.err().contains("qeueu"), unknown.err());
        Cli.Result badOption = Cli.run(db, "queue", "--limit", "many");
        assertEquals(2, badOption.exitCode(), badOption.out());
        assertTrue(badOption.err().contains("--limit"), badOption.err());
        // A command that runs does open the database, and says why it cannot.
        Cli.Result queue = Cli.run(db, "queue");
        assertEquals(1, queue.exitCode(), queue.out());
        assertTrue(queue.err().startsWith("error: "), queue.err());
    }

    @Test
    void historyImportHelpPointsAtTheFormatPage() throws Exception {
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "history", "import", "--help");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("docs/history-format.md"), r.out());
        // The page it points at exists in the repository (tests run in app/).
        assertTrue(Files.exists(Path.of("..", "docs", "history-format.md")), "docs/history-format.md is missing");
    }

    @Test
    void aSecondServerOnABusyPortSaysHowToChooseAnother() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            // serve builds its own context: the database comes from a system property here.
            System.setProperty("watchkeeper.db.url", "jdbc:sqlite:" + dir.resolve("serve.db"));
            System.setProperty("watchkeeper.playbooks.watch", "false");
            try {
                Cli.Result r = Cli.run(dir.resolve("serve.db"), "serve", "--port", Integer.toString(busy.getLocalPort()));
                assertEquals(1, r.exitCode(), r.out());
                assertTrue(r.err().contains("port " + busy.getLocalPort() + " is already in use"), r.err());
                assertTrue(r.err().contains("WATCHKEEPER_PORT"), r.err());
            } finally {
                System.clearProperty("watchkeeper.db.url");
                System.clearProperty("watchkeeper.playbooks.watch");
            }
        }
    }

    @Test
    void migrateCreatesTheDatabaseOnce() {
        Path db = dir.resolve("data/wk.db");
        Cli.Result first = Cli.run(db, "migrate");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(Files.exists(db));
        assertTrue(first.out().matches("(?s)Database .* schema version \\d+ \\([1-9]\\d* migrations? applied now\\).*"), first.out());
        Cli.Result second = Cli.run(db, "migrate");
        assertTrue(second.out().contains("(0 migrations applied now)"), second.out());
    }

    @Test
    void queuePrintsWhatTheServerStored() {
        try (TestApp app = TestApp.start(dir)) {
            app.http().postJson("/api/alerts", "{\"alertname\": \"ServingLatencyHigh\", \"severity\": \"critical\", \"service\": \"api\"}");
            app.http().postJson("/api/alerts", "{\"alertname\": \"LabelDelay\", \"severity\": \"info\", \"service\": \"labels\"}");
        }
        Cli.Result r = Cli.run(dir.resolve("watchkeeper.db"), "queue");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        int critical = indexOf(lines, "ServingLatencyHigh");
        int info = indexOf(lines, "LabelDelay");
        assertTrue(critical > 0 && info > critical, "critical ranks above info:\n" + r.out());
        assertTrue(r.out().contains("2 of 2 items"));

        Cli.Result json = Cli.run(dir.resolve("watchkeeper.db"), "queue", "--json", "--service", "api");
        assertTrue(json.out().contains("\"total\":1") && json.out().contains("ServingLatencyHigh"), json.out());
    }

    @Test
    void unknownCommandsAndOptionsExitNonZeroWithAMessage() {
        Cli.Result r = Cli.run(dir.resolve("wk.db"), "frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unmatched argument"), r.err());
        r = Cli.run(dir.resolve("wk.db"), "queue", "--limit", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--limit"), r.err());
    }

    @Test
    void helpAndVersionWorkEvenWhenTheDatabaseCannotBeOpened() throws Exception {
        Path notADatabase = dir.resolve("garbage.db");
        Files.writeString(notADatabase, "this is not an SQLite file, it is just text that is long enough to matter");
        assertEquals(0, Cli.run(notADatabase, "--help").exitCode());
        Cli.Result version = Cli.run(notADatabase, "version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("watchkeeper "), version.out());

        Cli.Result queue = Cli.run(notADatabase, "queue");
        assertEquals(1, queue.exitCode());
        assertTrue(queue.err().startsWith("error: "), queue.err());
        assertTrue(!queue.err().contains("\tat "), "no stack trace: " + queue.err());
    }

    private static int indexOf(String[] lines, String text) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
