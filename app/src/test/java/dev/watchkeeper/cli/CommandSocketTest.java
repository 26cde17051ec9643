package dev.watchkeeper.cli;

import dev.watchkeeper.db.triage.ActionRow;
import dev.watchkeeper.testing.Cli;
import dev.watchkeeper.testing.TestApp;
import dev.watchkeeper.triage.TriageService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A running server answers the command lines of its own user (CommandSocket): the same output and exit code as the
 * command run on its own, and nothing at all when the command would mean something else there.
 */
class CommandSocketTest {

    @TempDir
    Path dir;
    TestApp app;
    CommandSocket socket;

    @BeforeEach
    void start() {
        app = TestApp.start(dir);
        socket = CommandSocket.open(app.context()).orElseThrow();
    }

    @AfterEach
    void stop() {
        socket.close();
        app.close();
    }

    record Answer(int code, String out, String err) {
    }

    private Answer viaServer(Map<String, String> settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandClient.run(settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Answer(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Answer viaServer(String... args) {
        return viaServer(CommandProtocol.settings(), args);
    }

    @Test
    void aServedCommandAnswersAsItWouldOnItsOwn() {
        int id = app.bean(TriageService.class).addManual("disk full on gpu-7", "alice", "cli", "training", "critical",
                null).id();
        for (String[] args : List.of(new String[]{"queue"}, new String[]{"queue", "--json"},
                new String[]{"item", "show", Integer.toString(id)}, new String[]{"model", "list"},
                new String[]{"item", "show", "999"}, new String[]{"queue", "--limit", "many"},
                new String[]{"item", "--help"})) {
            Cli.Result alone = Cli.run(app.dbFile(), args);
            Answer served = viaServer(args);
            String line = String.join(" ", args);
            assertEquals(alone.exitCode(), served.code(), line);
            assertEquals(alone.out(), served.out(), line);
            assertEquals(alone.err(), served.err(), line);
        }
        assertTrue(viaServer("queue").out().contains("disk full on gpu-7"));
        assertEquals(1, viaServer("item", "show", "999").code());
        assertEquals(2, viaServer("queue", "--limit", "many").code());
    }

    @Test
    void aWriteIsRecordedOnceWithTheLocalActor() {
        int id = app.bean(TriageService.class).addManual("queue lag", "alice", "cli", "ranker", "warning", null).id();
        Answer a = viaServer("item", "note", Integer.toString(id), "looked", "at", "it", "--by", "carol");
        assertEquals(0, a.code(), a.err());
        List<ActionRow> notes = app.bean(TriageService.class).actions(id).stream()
                .filter(r -> "note".equals(r.kind()) && "looked at it".equals(r.note())).toList();
        assertEquals(1, notes.size());
        assertEquals("carol", notes.getFirst().actor());
        assertEquals("cli", notes.getFirst().surface());
    }

    @Test
    void otherSettingsOrUnservedCommandsAreSentBackToRunAlone() throws Exception {
        int id = app.bean(TriageService.class).addManual("queue lag", "alice", "cli", "ranker", "warning", null).id();
        // Another database (or any other WATCHKEEPER_* value, or another folder): this server does not take it.
        Map<String, String> other = new HashMap<>(CommandProtocol.settings());
        other.put("WATCHKEEPER_DB_URL", "jdbc:sqlite:/elsewhere.db");
        Path otherSocket = CommandProtocol.of(other, false).orElseThrow();
        assertFalse(Files.exists(otherSocket));
        assertEquals(CommandProtocol.NOT_HERE, viaServer(other, "queue").code());
        // Sent to this server's socket anyway, with the other settings: refused, and nothing is done.
        assertEquals(CommandProtocol.NOT_HERE, ask(new CommandProtocol.Request(other,
                new String[]{"item", "note", Integer.toString(id), "sneaky"})));
        // Long or stdin-reading commands always run alone.
        assertEquals(CommandProtocol.NOT_HERE, viaServer("demo", "--days", "1").code());
        assertEquals(CommandProtocol.NOT_HERE, ask(new CommandProtocol.Request(CommandProtocol.settings(),
                new String[]{"history", "import", "x.jsonl"})));
        // Out of bounds: too many arguments.
        assertEquals(CommandProtocol.NOT_HERE, ask(new CommandProtocol.Request(CommandProtocol.settings(),
                new String[CommandProtocol.MAX_ARGS + 1])));
        assertTrue(app.bean(TriageService.class).actions(id).stream().noneMatch(r -> "sneaky".equals(r.note())));
    }

    @Test
    void theSocketIsPrivateToItsUserAndGoneWhenTheServerStops() throws Exception {
        Path path = socket.path();
        assertTrue(Files.exists(path));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())));
        // A second server with the same settings leaves the first one answering.
        assertTrue(CommandSocket.open(app.context()).isEmpty());
        socket.close();
        assertFalse(Files.exists(path));
        assertEquals(CommandProtocol.NOT_HERE, viaServer("queue").code());
        // A socket file left by a killed server is replaced by the next server.
        Files.createFile(path);
        socket = CommandSocket.open(app.context()).orElseThrow();
        assertEquals(0, viaServer("queue").code());
    }

    @Test
    void theLauncherOffersExactlyTheServedCommands() throws Exception {
        // tests run in app/: the launcher is one folder up
        String launcher = Files.readString(Path.of("..", "watchkeeper"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s+(queue \\|[^)]*)\\)$").matcher(launcher);
        assertTrue(m.find(), "the launcher's list of served commands is missing");
        java.util.Set<String> offered = new java.util.TreeSet<>();
        for (String name : m.group(1).split("\\|")) {
            offered.add(name.strip());
        }
        java.util.Set<String> served = new java.util.TreeSet<>(CommandProtocol.SERVED);
        served.addAll(CommandProtocol.SERVED_SUBCOMMANDS.keySet());
        assertEquals(served, offered);
    }

    /** Sends a raw request to this server's socket; the exit code it answers. */
    private int ask(CommandProtocol.Request request) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket.path()));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            String[] args = request.args();
            if (args.length > CommandProtocol.MAX_ARGS) {
                // write by hand: the request's own writer would send nulls
                out.writeInt(CommandProtocol.PROTOCOL);
                out.writeInt(0);
                out.writeInt(args.length);
                out.flush();
            } else {
                request.write(out);
            }
            return new DataInputStream(Channels.newInputStream(channel)).readInt();
        }
    }
}
