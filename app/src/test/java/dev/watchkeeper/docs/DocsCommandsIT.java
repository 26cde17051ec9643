package dev.watchkeeper.docs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the shell blocks of README.md and docs/*.md that are marked runnable, verbatim, from the repository
 * root, through the real launcher and the packaged jar (so it runs after {@code package}, under failsafe).
 *
 * <p>A block is marked by an HTML comment on the line before its fence, invisible when rendered:
 * {@code <!-- runnable -->} (a fresh database per page, shared by the page's blocks in order),
 * {@code <!-- runnable after demo -->} (the page, from its first block on, starts from a copy of a database after
 * {@code ./watchkeeper demo}),
 * {@code <!-- runnable with server -->} (a server runs on the page's database; {@code localhost:8080} in the block
 * is pointed at it). Every block must exit 0.
 */
class DocsCommandsIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Duration BLOCK_TIMEOUT = Duration.ofMinutes(3);
    private static final List<Process> SERVERS = new ArrayList<>();
    private static Path work;
    private static Path demoDb;

    record Block(Path page, int line, String marker, String code) {
        String name() {
            return ROOT.relativize(page) + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> runnableBlocksRunVerbatim() throws IOException {
        work = Files.createTempDirectory("watchkeeper-docs");
        List<Block> blocks = new ArrayList<>();
        blocks.addAll(blocks(ROOT.resolve("README.md")));
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                blocks.addAll(blocks(page));
            }
        }
        assertFalse(blocks.isEmpty(), "no runnable blocks found under " + ROOT);
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> run(b)));
    }

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(Process::destroy);
    }

    static List<Block> blocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Block> found = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String marker = lines.get(i).strip();
            if (!marker.startsWith("<!-- runnable") || !lines.get(i + 1).strip().startsWith("```")) {
                continue;
            }
            StringBuilder code = new StringBuilder();
            int j = i + 2;
            while (j < lines.size() && !lines.get(j).strip().startsWith("```")) {
                code.append(lines.get(j)).append('\n');
                j++;
            }
            assertTrue(j < lines.size(), page + ":" + (i + 2) + ": the block never closes");
            found.add(new Block(page, i + 2, marker, code.toString()));
            i = j;
        }
        return found;
    }

    /** A page with any block marked "after demo" starts, before its first block, from a copy of the demo database. */
    private static Path databaseOf(Block b) throws Exception {
        Path db = work.resolve(b.page().getFileName() + ".db");
        if (!Files.exists(db) && blocks(b.page()).stream().anyMatch(x -> x.marker().contains("after demo"))) {
            Files.copy(demoDatabase(), db, StandardCopyOption.REPLACE_EXISTING);
        }
        return db;
    }

    /** One demo database, built once and copied for every page that starts from it. */
    private static synchronized Path demoDatabase() throws Exception {
        if (demoDb == null) {
            Path db = work.resolve("demo.db");
            Result r = shell("./watchkeeper demo\n", db, null);
            assertEquals(0, r.exit(), "./watchkeeper demo failed:\n" + r.output());
            demoDb = db;
        }
        return demoDb;
    }

    private static void run(Block b) throws Exception {
        Path db = databaseOf(b);
        String code = b.code();
        Process server = null;
        if (b.marker().contains("with server")) {
            int port = freePort();
            server = startServer(db, port);
            code = code.replace("localhost:8080", "localhost:" + port);
        }
        try {
            Result r = shell(code, db, null);
            if (r.exit() != 0) {
                fail(b.name() + " exited " + r.exit() + ":\n" + b.code() + "\n--- output ---\n" + r.output());
            }
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    record Result(int exit, String output) {
    }

    private static Result shell(String code, Path db, Integer port) throws Exception {
        Path out = Files.createTempFile(work, "block", ".out");
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", code)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("WATCHKEEPER_DB_URL", "jdbc:sqlite:" + db);
        pb.environment().put("WATCHKEEPER_USER", "alice");
        pb.environment().put("WATCHKEEPER_BUILD", "never");
        pb.environment().put("WATCHKEEPER_PLAYBOOKS_WATCH", "false");
        if (port != null) {
            pb.environment().put("WATCHKEEPER_PORT", port.toString());
        }
        Process p = pb.start();
        if (!p.waitFor(BLOCK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + BLOCK_TIMEOUT + "\n" + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    private static Process startServer(Path db, int port) throws Exception {
        Path log = work.resolve("server-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder("./watchkeeper")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("WATCHKEEPER_DB_URL", "jdbc:sqlite:" + db);
        pb.environment().put("WATCHKEEPER_PORT", Integer.toString(port));
        pb.environment().put("WATCHKEEPER_BUILD", "never");
        pb.environment().put("WATCHKEEPER_BASE_URL", "http://localhost:" + port);
        pb.environment().put("WATCHKEEPER_PLAYBOOKS_WATCH", "false");
        Process server = pb.start();
        SERVERS.add(server);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("the server stopped:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        server.destroyForcibly();
        fail("the server did not answer /health within 2 minutes:\n" + Files.readString(log));
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
