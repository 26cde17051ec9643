package dev.watchkeeper.cli;

import dev.watchkeeper.core.DefaultSettings;
import dev.watchkeeper.core.Environments;
import dev.watchkeeper.ingest.IntegrationService;
import dev.watchkeeper.triage.AlertPipeline;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code watchkeeper aot-training}: the training run of JDK 25's ahead-of-time cache (JEP 483/514). The
 * launcher runs it with {@code -XX:AOTCacheOutput} once per jar and kind: {@code --part commands} runs the common
 * commands, whose classes (Micronaut's context, picocli, jOOQ, SQLite) every later command then maps ready-made;
 * {@code --part server} starts a server on a free port that takes a few hundred alert requests, so a server meets
 * its first storm with the alert path's classes ready. Two caches, because a JVM loads every class of its cache at
 * start: a command paid for the server's classes. It works on a throw-away database and prints nothing on success.
 */
@Command(name = "aot-training", hidden = true, mixinStandardHelpOptions = true,
        description = "Exercise the common commands on a scratch database (used to build the start-up cache).")
public class AotTrainingCommand implements Runnable {

    /** Commands people run most; each runs in its own application context, as from the shell. */
    static final List<String[]> COMMANDS = List.of(
            new String[]{"--help"},
            // A few days of demo history first, so that the reads below meet alerts, playbooks and a rotation.
            new String[]{"demo", "--days", "7", "--no-train"},
            new String[]{"queue"},
            new String[]{"queue", "--json"},
            new String[]{"item", "add", "warm-up", "--by", "aot"},
            new String[]{"item", "show", "1"},
            new String[]{"item", "note", "1", "warm-up", "--by", "aot"},
            new String[]{"item", "snooze", "2", "--until", "1h", "--by", "aot"},
            new String[]{"item", "ack", "1", "--by", "aot"},
            new String[]{"model", "list"},
            new String[]{"rotation", "list"},
            new String[]{"rotation", "show", "ml-demo"},
            new String[]{"report", "list"});

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Which cache this run trains: the launcher keeps one for commands and one for the server. */
    public enum Part { commands, server, all }

    @CommandLine.Option(names = "--part", defaultValue = "all",
            description = "commands, server or all (default: ${DEFAULT-VALUE}).")
    Part part = Part.all;

    /**
     * A folder whose {@code aot.db} is already migrated (the launcher runs {@code migrate} on it first, in a JVM
     * that records nothing): a command on a current schema never starts Flyway, so Flyway's classes, and the JSON
     * library it loads, stay out of the commands' cache. Without it the training migrates a database of its own.
     */
    @CommandLine.Option(names = "--scratch", description = "A folder with a migrated aot.db (default: a new one).")
    Path scratchDir;

    @Override
    public void run() {
        Path dir = scratchDir;
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("watchkeeper-aot");
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a scratch folder: " + e.getMessage(), e);
            }
        }
        try {
            Map<String, Object> scratch = Map.of("watchkeeper.db.url", "jdbc:sqlite:" + dir.resolve("aot.db"),
                    "watchkeeper.playbooks.watch", false);
            StringWriter sink = new StringWriter();
            if (part != Part.server) {
                for (String[] args : COMMANDS) {
                    WatchkeeperCommand.execute(scratch, new PrintWriter(sink), new PrintWriter(sink), args);
                }
            }
            if (part != Part.commands) {
                ingestion(scratch);
            }
        } finally {
            if (scratchDir == null) {
                deleteQuietly(dir);
            }
        }
    }

    /**
     * The server's side: a server on a free loopback port takes Alertmanager batches and Events v2 triggers, so
     * that a freshly started server meets its first storm with the HTTP, JSON, ingestion and scoring classes
     * loaded and linked (and their profiles recorded) instead of loading them under load.
     */
    static void ingestion(Map<String, Object> scratch) {
        Map<String, Object> props = new HashMap<>(scratch);
        props.put("micronaut.server.port", -1);
        props.put("watchkeeper.ingest.rate-limit-per-second", 0);
        try (ApplicationContext ctx = ApplicationContext.builder(WatchkeeperCommand.class).propertySources(DefaultSettings.source())
                .environments(Environments.SERVER).properties(props).start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
            server.start();
            IntegrationService integrations = ctx.getBean(IntegrationService.class);
            String am = integrations.create("alertmanager", "aot-alertmanager").token();
            String pd = integrations.create("pagerduty", "aot-pagerduty").token();
            URI base = server.getURI();
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < TRAINING_REQUESTS; i++) {
                post(client, base.resolve("/ingest/alertmanager/" + am), alertmanagerBatch(i));
                post(client, base.resolve("/v2/enqueue"), """
                        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "aot-%d",
                         "payload": {"summary": "training %d", "source": "aot", "severity": "error"}}"""
                        .formatted(pd, i % 20, i));
            }
            ctx.getBean(AlertPipeline.class).drain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests of each kind the training sends: enough for the JIT's profiles of the alert path. */
    static final int TRAINING_REQUESTS = 100;

    private static String alertmanagerBatch(int i) {
        List<String> alerts = new ArrayList<>();
        for (int a = 0; a < 50; a++) {
            alerts.add("""
                    {"status": "firing", "labels": {"alertname": "Training%d", "service": "svc%d", "pod": "p%d-%d",
                     "severity": "warning"}, "annotations": {"summary": "training"}, "startsAt": "2026-01-01T00:00:00Z"}"""
                    .formatted(a % 14, i % 10, i, a));
        }
        return """
                {"version": "4", "status": "firing", "receiver": "watchkeeper", "groupLabels": {}, "commonLabels": {},
                 "commonAnnotations": {}, "externalURL": "http://alertmanager:9093", "alerts": [%s]}"""
                .formatted(String.join(",", alerts));
    }

    private static void post(HttpClient client, URI uri, String json) throws IOException, InterruptedException {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("training request to " + uri.getPath() + " answered " + r.statusCode());
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
