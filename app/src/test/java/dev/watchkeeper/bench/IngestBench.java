package dev.watchkeeper.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The ingestion benchmark ({@code bin/bench-ingest}; test code, not part of the jar): sustained ingestion load over HTTP against a running Watchkeeper
 * (Alertmanager-format batches, and single Events v2 requests) and, when given, against Alertmanager's own
 * {@code /api/v2/alerts} with the same batches, printing alerts/s and p50/p99 latency side by side.
 * Every alert is new (a fresh fingerprint), the expensive case. {@code bin/bench-ingest} sets it all up.
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
        description = "Benchmark alert ingestion over HTTP (prints alerts/s and p50/p99 latency).")
public class IngestBench implements Runnable {

    public static void main(String[] args) {
        // bin/bench-ingest passes the user's options first and its own after them: the last one wins.
        System.exit(new CommandLine(new IngestBench()).setOverwrittenOptionsAllowed(true).execute(args));
    }


    @Option(names = "--url", description = "Watchkeeper's base URL, e.g. http://127.0.0.1:8080.")
    URI url;
    @Option(names = "--token", description = "An alertmanager integration token.")
    String token;
    @Option(names = "--routing-key", description = "A pagerduty integration token.")
    String routingKey;
    @Option(names = "--alertmanager", description = "Alertmanager's base URL, to run the same load against it.")
    URI alertmanager;
    @Option(names = "--shape", split = ",", defaultValue = "groups,storm,single",
            description = "Load shapes to run, in order: groups (batches of distinct alerts over ~140 alert-name/service"
                    + " groups, 8 senders), storm (batches of new alerts over 20 groups), single (one Events v2 alert per"
                    + " request; Alertmanager gets one alert per request). Default: ${DEFAULT-VALUE}.")
    List<String> shapes;
    @Option(names = "--target", defaultValue = "both", description = "Which server this process loads: watchkeeper,"
            + " alertmanager or both, one after the other (default: ${DEFAULT-VALUE}). bin/bench-ingest starts one process"
            + " per server, so that neither is measured while this process's own JIT compiler is still busy.")
    String target;
    @Option(names = "--cold", description = "Measure from the first request on (no warm-up): the servers were just started.")
    boolean cold;
    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    int seconds;
    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured seconds first (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--concurrency", defaultValue = "32", description = "Concurrent senders of the storm and single"
            + " shapes (default: ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--groups-concurrency", defaultValue = "8", description = "Concurrent senders (connections) of the"
            + " groups shape (default: ${DEFAULT-VALUE}).")
    int groupsConcurrency;
    @Option(names = "--groups", defaultValue = "140", description = "Alert-name/service groups of the groups shape"
            + " (default: ${DEFAULT-VALUE}).")
    int groups;
    @Option(names = "--batch", defaultValue = "50", description = "Alerts per batch (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--batch-rate", defaultValue = "0", description = "Alerts per second offered in the batch runs, spread"
            + " evenly (open loop); 0 sends as fast as the senders can (default: ${DEFAULT-VALUE}).")
    double batchRate;
    @Option(names = "--single-rate", defaultValue = "0", description = "Requests per second offered in the single-alert"
            + " runs (open loop); 0 sends as fast as the senders can (default: ${DEFAULT-VALUE}).")
    double singleRate;
    @Option(names = "--results", description = "Append each run's figures to this file (one line each), for --report.")
    Path results;
    @Option(names = "--report", description = "Print the figures collected in this --results file side by side, and exit.")
    Path report;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final AtomicLong serial = new AtomicLong();
    private final String runId = Long.toString(System.nanoTime(), 36);

    record Result(String name, long requests, long alerts, long errors, double seconds, double p50, double p99) {
        double alertsPerSecond() {
            return alerts / seconds;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (report != null) {
            printReport(out, report);
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "Ingestion benchmark (%s): %d s per run%s, batches of %d; %d cores%n",
                cold ? "cold: servers just started" : "warm", seconds,
                cold ? ", no warm-up" : " after " + warmup + " s warm-up", batch, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "Offered load: batches %s, single requests %s%n",
                batchRate > 0 ? String.format(Locale.ROOT, "%.0f alerts/s (open loop)", batchRate) : "as fast as possible",
                singleRate > 0 ? String.format(Locale.ROOT, "%.0f requests/s (open loop)", singleRate) : "as fast as possible");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Result> all = new ArrayList<>();
        URI wkAm = url.resolve("/ingest/alertmanager");
        URI wkPd = url.resolve("/v2/enqueue");
        URI amApi = alertmanager == null ? null : alertmanager.resolve("/api/v2/alerts");
        double batchRequests = batchRate / batch;
        int warm = cold ? 0 : warmup;
        String mode = cold ? "cold" : "warm";
        boolean loadWatchkeeper = !target.equals("alertmanager");
        if (!List.of("watchkeeper", "alertmanager", "both").contains(target)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--target: '" + target
                    + "' is not one of watchkeeper, alertmanager, both");
        }
        if (target.equals("alertmanager") && amApi == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--target alertmanager needs --alertmanager URL");
        }
        if (target.equals("watchkeeper")) {
            amApi = null;
        }
        for (String shape : shapes) {
            List<Result> pair = new ArrayList<>();
            switch (shape) {
                case "groups" -> {
                    if (loadWatchkeeper) {
                        pair.add(run(out, client, "watchkeeper groups x" + batch, wkAm, batch, n -> webhookGroups(n, batch),
                                true, batchRequests, groupsConcurrency, warm));
                    }
                    if (amApi != null) {
                        pair.add(run(out, client, "alertmanager groups x" + batch, amApi, batch,
                                n -> postableGroups(n, batch), false, batchRequests, groupsConcurrency, warm));
                    }
                }
                case "storm" -> {
                    if (loadWatchkeeper) {
                        pair.add(run(out, client, "watchkeeper storm x" + batch, wkAm, batch, n -> webhook(n, batch), true,
                                batchRequests, concurrency, warm));
                    }
                    if (amApi != null) {
                        pair.add(run(out, client, "alertmanager storm x" + batch, amApi, batch, n -> postable(n, batch),
                                false, batchRequests, concurrency, warm));
                    }
                }
                case "single" -> {
                    if (loadWatchkeeper) {
                        pair.add(run(out, client, "watchkeeper single (events v2)", wkPd, 1, this::eventsV2, false,
                                singleRate, concurrency, warm));
                    }
                    if (amApi != null) {
                        pair.add(run(out, client, "alertmanager single", amApi, 1, n -> postable(n, 1), false, singleRate,
                                concurrency, warm));
                    }
                }
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown shape '" + shape
                        + "': groups, storm or single");
            }
            all.addAll(pair);
            if (results != null) {
                append(results, mode, shape, pair);
            }
        }
        out.println();
        header(out);
        for (Result r : all) {
            row(out, mode, r);
        }
        out.flush();
    }

    private static void header(PrintWriter out) {
        out.printf(Locale.ROOT, "%-5s %-34s %10s %10s %9s %9s %7s %7s%n", "mode", "run", "alerts/s", "requests/s",
                "p50 ms", "p99 ms", "errors", "ratio");
    }

    private static void row(PrintWriter out, String mode, Result r) {
        out.printf(Locale.ROOT, "%-5s %-34s %10.0f %10.0f %9.2f %9.2f %7d%n", mode, r.name(), r.alertsPerSecond(),
                r.requestsPerSecond(), r.p50(), r.p99(), r.errors());
    }

    /** One line per run: mode, shape, name, requests, alerts, errors, seconds, p50, p99 (tab-separated). */
    private static void append(Path file, String mode, String shape, List<Result> pair) {
        StringBuilder sb = new StringBuilder();
        for (Result r : pair) {
            sb.append(String.join("\t", mode, shape, r.name(), Long.toString(r.requests()), Long.toString(r.alerts()),
                    Long.toString(r.errors()), Double.toString(r.seconds()), Double.toString(r.p50()),
                    Double.toString(r.p99()))).append('\n');
        }
        try {
            Files.writeString(file, sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All runs of a results file, each Watchkeeper run followed by Alertmanager's and the ratio of their rates. */
    private static void printReport(PrintWriter out, Path file) {
        List<String[]> lines;
        try {
            lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.println("All shapes, Watchkeeper and Alertmanager side by side (ratio = Watchkeeper's alerts/s over Alertmanager's;"
                + " p99 ok = Watchkeeper's p99 at or below Alertmanager's):");
        out.printf(Locale.ROOT, "%-5s %-34s %10s %10s %9s %9s %7s %7s%n", "mode", "run", "alerts/s", "requests/s",
                "p50 ms", "p99 ms", "errors", "ratio");
        for (int i = 0; i < lines.size(); i++) {
            String[] l = lines.get(i);
            Result r = new Result(l[2], Long.parseLong(l[3]), Long.parseLong(l[4]), Long.parseLong(l[5]),
                    Double.parseDouble(l[6]), Double.parseDouble(l[7]), Double.parseDouble(l[8]));
            String ratio = "";
            if (l[2].startsWith("watchkeeper") && i + 1 < lines.size() && lines.get(i + 1)[2].startsWith("alertmanager")
                    && lines.get(i + 1)[1].equals(l[1]) && lines.get(i + 1)[0].equals(l[0])) {
                String[] a = lines.get(i + 1);
                double amRate = Long.parseLong(a[4]) / Double.parseDouble(a[6]);
                ratio = String.format(Locale.ROOT, "%.2f%s", r.alertsPerSecond() / amRate,
                        r.p99() <= Double.parseDouble(a[8]) ? " p99 ok" : " p99 worse");
            }
            out.printf(Locale.ROOT, "%-5s %-34s %10.0f %10.0f %9.2f %9.2f %7d %s%n", l[0], r.name(), r.alertsPerSecond(),
                    r.requestsPerSecond(), r.p50(), r.p99(), r.errors(), ratio);
        }
    }

    /**
     * One run. With {@code requestsPerSecond > 0} the load is open loop: request k is due at
     * {@code k / rate} seconds after the start, whichever sender takes it, and its latency counts from
     * when it was due, so a server that falls behind sees its queueing in the figures (no coordinated
     * omission). Otherwise each sender sends its next request as soon as the previous one is answered.
     */
    private Result run(PrintWriter out, HttpClient client, String name, URI target, int alertsPerRequest,
                       LongFunction<String> body, boolean bearer, double requestsPerSecond, int concurrency,
                       int warmup) {
        out.printf("running %s ...%n", name);
        out.flush();
        AtomicBoolean measuring = new AtomicBoolean(warmup == 0);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong tickets = new AtomicLong();
        long origin = System.nanoTime();
        double interval = requestsPerSecond > 0 ? 1e9 / requestsPerSecond : 0;
        for (int t = 0; t < concurrency; t++) {
            long[] lat = new long[2_000_000 / concurrency];
            int[] count = new int[1];
            latencies.add(lat);
            counts.add(count);
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    String b = body.apply(serial.incrementAndGet());
                    HttpRequest.Builder req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(b));
                    if (bearer) {
                        req.header("Authorization", "Bearer " + token);
                    }
                    long t0 = System.nanoTime();
                    if (interval > 0) {
                        long due = origin + (long) (tickets.getAndIncrement() * interval);
                        long wait = due - t0;
                        if (wait > 0) {
                            sleepNanos(wait);
                        }
                        t0 = due;
                    }
                    boolean ok;
                    try {
                        HttpResponse<Void> r = client.send(req.build(), HttpResponse.BodyHandlers.discarding());
                        ok = r.statusCode() / 100 == 2;
                    } catch (Exception e) {
                        ok = false;
                    }
                    long took = System.nanoTime() - t0;
                    if (measuring.get()) {
                        if (!ok) {
                            errors.incrementAndGet();
                        } else if (count[0] < lat.length) {
                            lat[count[0]++] = took;
                        }
                    }
                }
            }));
        }
        long start = System.nanoTime();
        if (warmup > 0) {
            sleep(warmup * 1000L);
            start = System.nanoTime();
            measuring.set(true);
        }
        sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        threads.forEach(t -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < latencies.size(); i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts.get(i)[0]);
            at += counts.get(i)[0];
        }
        Arrays.sort(all);
        double p50 = total == 0 ? Double.NaN : all[(int) (total * 0.50)] / 1e6;
        double p99 = total == 0 ? Double.NaN : all[Math.min(total - 1, (int) (total * 0.99))] / 1e6;
        return new Result(name, total, (long) total * alertsPerRequest, errors.get(), elapsed, p50, p99);
    }

    /** Alert names of the groups shape; with {@code --groups} / this many services they make the groups. */
    private static final String[] NAMES = {"KubePodCrashLooping", "KubePodNotReady", "KubeDeploymentReplicasMismatch",
            "NodeFilesystemSpaceFillingUp", "NodeMemoryHighUtilization", "HighErrorRate", "HighLatencyP99",
            "TargetDown", "CPUThrottlingHigh", "KubeJobFailed", "PrometheusRuleFailures", "DiskIOSaturation",
            "CertificateExpiringSoon", "QueueBacklogGrowing"};

    /** The labels of the groups shape's alert {@code i} of request {@code n}: a new label set each time. */
    private String groupsLabels(long n, int i) {
        long k = n * batch + i;
        int group = (int) (Math.floorMod(k * 7919L, groups));
        String name = NAMES[group % NAMES.length];
        int service = group / NAMES.length;
        String id = runId + "-g" + n + "-" + i;
        return "{\"alertname\":\"" + name + "\",\"service\":\"svc-" + service + "\",\"severity\":\""
                + (k % 5 == 0 ? "critical" : "warning") + "\",\"namespace\":\"ns-" + (k % 9) + "\",\"pod\":\"pod-" + id
                + "\",\"instance\":\"10." + (k % 250) + "." + (k / 250 % 250) + "." + (k % 7) + ":9100\",\"job\":\"node\"}";
    }

    private String webhookGroups(long n, int size) {
        StringBuilder sb = new StringBuilder(size * 500);
        sb.append("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"watchkeeper\",\"groupKey\":\"{}:{}\",")
                .append("\"groupLabels\":{},\"commonLabels\":{\"job\":\"node\"},")
                .append("\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager:9093\",\"truncatedAlerts\":0,\"alerts\":[");
        String now = Instant.now().toString();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String id = runId + "-g" + n + "-" + i;
            sb.append("{\"status\":\"firing\",\"labels\":").append(groupsLabels(n, i))
                    .append(",\"annotations\":{\"summary\":\"bench alert ").append(id)
                    .append("\",\"description\":\"value is above the threshold for 5 minutes\"},\"startsAt\":\"")
                    .append(now).append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
                    .append("\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"").append(id).append("\"}");
        }
        return sb.append("]}").toString();
    }

    private String postableGroups(long n, int size) {
        StringBuilder sb = new StringBuilder(size * 400).append('[');
        String now = Instant.now().toString();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String id = runId + "-g" + n + "-" + i;
            sb.append("{\"labels\":").append(groupsLabels(n, i))
                    .append(",\"annotations\":{\"summary\":\"bench alert ").append(id)
                    .append("\",\"description\":\"value is above the threshold for 5 minutes\"},\"startsAt\":\"")
                    .append(now).append("\",\"generatorURL\":\"http://prometheus:9090/graph\"}");
        }
        return sb.append(']').toString();
    }

    private String webhook(long n, int size) {
        StringBuilder sb = new StringBuilder(size * 400);
        sb.append("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"watchkeeper\",\"groupKey\":\"{}:{alertname=\\\"BenchAlert\\\"}\",")
                .append("\"groupLabels\":{\"alertname\":\"BenchAlert\"},\"commonLabels\":{\"alertname\":\"BenchAlert\"},")
                .append("\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager:9093\",\"truncatedAlerts\":0,\"alerts\":[");
        String now = Instant.now().toString();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String id = runId + "-" + n + "-" + i;
            sb.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"BenchAlert\",\"service\":\"svc")
                    .append(n % 20).append("\",\"severity\":\"warning\",\"instance\":\"").append(id)
                    .append("\"},\"annotations\":{\"summary\":\"bench alert ").append(id)
                    .append("\"},\"startsAt\":\"").append(now).append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
                    .append("\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"").append(id).append("\"}");
        }
        return sb.append("]}").toString();
    }

    private String eventsV2(long n) {
        String id = runId + "-pd-" + n;
        return "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + id + "\","
                + "\"payload\":{\"summary\":\"bench event " + id + "\",\"source\":\"host-" + (n % 100) + "\","
                + "\"severity\":\"warning\",\"class\":\"BenchEvent\",\"component\":\"svc" + (n % 20) + "\"}}";
    }

    private String postable(long n, int size) {
        StringBuilder sb = new StringBuilder(size * 300).append('[');
        String now = Instant.now().toString();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String id = runId + "-" + n + "-" + i;
            sb.append("{\"labels\":{\"alertname\":\"BenchAlert\",\"service\":\"svc").append(n % 20)
                    .append("\",\"severity\":\"warning\",\"instance\":\"").append(id)
                    .append("\"},\"annotations\":{\"summary\":\"bench alert ").append(id)
                    .append("\"},\"startsAt\":\"").append(now).append("\",\"generatorURL\":\"http://prometheus:9090/graph\"}");
        }
        return sb.append(']').toString();
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
