package dev.watchkeeper.ingest;

import dev.watchkeeper.cli.WatchkeeperCommand;
import dev.watchkeeper.db.Database;
import dev.watchkeeper.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.watchkeeper.db.jooq.Tables.ALERT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Durability: the real server runs as its own process (synchronous=FULL), takes concurrent load, and is
 * killed with SIGKILL in the middle of it. After a restart on the same file, every alert whose request got
 * a 2xx must be in the database.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;
    final List<Process> processes = new ArrayList<>();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void everyAlertThatGotA2xxSurvivesSigkill() throws Exception {
        Path dbFile = dir.resolve("wk.db");
        Cli.Result created = Cli.run(dbFile, "integration", "create", "--kind", "alertmanager", "--name", "load");
        Matcher m = Pattern.compile("Token: (\\w+)").matcher(created.out());
        assertTrue(m.find(), created.out() + created.err());
        String token = m.group(1);

        int port = freePort();
        Process server = startServer(dbFile, port, "first.log");
        URI base = URI.create("http://127.0.0.1:" + port);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requestsOk = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            senders.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                while (running.get()) {
                    n++;
                    List<String> fingerprints = new ArrayList<>();
                    String body;
                    String path;
                    if (thread % 2 == 0) {
                        String fp = "single-" + thread + "-" + n;
                        fingerprints.add(fp);
                        path = "/api/alerts";
                        body = "{\"alertname\": \"Load\", \"service\": \"s" + thread + "\", \"fingerprint\": \"" + fp + "\"}";
                    } else {
                        List<String> alerts = new ArrayList<>();
                        for (int i = 0; i < 20; i++) {
                            String fp = "batch-" + thread + "-" + n + "-" + i;
                            fingerprints.add(fp);
                            alerts.add("{\"status\": \"firing\", \"fingerprint\": \"" + fp + "\", \"labels\": {\"alertname\": \"Storm\","
                                    + " \"service\": \"s" + thread + "\", \"instance\": \"" + fp + "\"}}");
                        }
                        path = "/ingest/alertmanager/" + token;
                        body = "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [" + String.join(",", alerts) + "]}";
                    }
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 == 2) {
                            acknowledged.addAll(fingerprints);
                            requestsOk.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // The server died under us: this request got no 2xx, so nothing is promised for it.
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (requestsOk.get() < 400 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.printf("crash test: %d requests acknowledged (%d alerts) before SIGKILL%n", requestsOk.get(), acknowledged.size());
        server.destroyForcibly();   // SIGKILL, mid-load
        server.waitFor();
        running.set(false);
        for (Thread s : senders) {
            s.join(15_000);
        }
        assertTrue(requestsOk.get() >= 400, "load ran before the kill: " + requestsOk.get() + " requests");

        Process restarted = startServer(dbFile, port, "second.log");
        assertTrue(restarted.isAlive());
        try (Database db = Database.open("jdbc:sqlite:" + dbFile)) {
            assertEquals("ok", db.read().fetchValue("PRAGMA integrity_check"));
            Set<String> stored = new HashSet<>(db.read().select(ALERT.FINGERPRINT).from(ALERT).fetch(ALERT.FINGERPRINT));
            Set<String> lost = acknowledged.stream().filter(fp -> !stored.contains(fp)).collect(Collectors.toSet());
            assertEquals(Set.of(), lost, "acknowledged with a 2xx but missing after SIGKILL (" + acknowledged.size()
                    + " acknowledged, " + stored.size() + " stored)");
        }
        // The restarted server still takes alerts.
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(base.resolve("/api/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"alertname\": \"AfterRestart\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, after.statusCode(), after.body());
    }

    private Process startServer(Path dbFile, int port, String log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The main classpath only: the test classes would put the server in the test environment.
        String classpath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(p -> !p.contains("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", classpath, WatchkeeperCommand.class.getName(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        pb.environment().put("WATCHKEEPER_DB_URL", "jdbc:sqlite:" + dbFile);
        pb.environment().put("WATCHKEEPER_PORT", String.valueOf(port));
        pb.environment().put("WATCHKEEPER_DB_SYNCHRONOUS", "FULL");
        pb.environment().put("WATCHKEEPER_RATE_LIMIT", "0");
        long t0 = System.nanoTime();
        Process p = pb.start();
        processes.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("the server exited: " + Files.readString(dir.resolve(log)));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    System.out.printf("crash test: server up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("the server did not start: " + Files.readString(dir.resolve(log)));
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
