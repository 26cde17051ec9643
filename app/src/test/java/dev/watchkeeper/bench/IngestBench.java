package dev.watchkeeper.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        System.exit(new CommandLine(new IngestBench()).execute(args));
    }


    @Option(names = "--url", required = true, description = "Watchkeeper's base URL, e.g. http://127.0.0.1:8080.")
    URI url;
    @Option(names = "--token", required = true, description = "An alertmanager integration token.")
    String token;
    @Option(names = "--routing-key", required = true, description = "A pagerduty integration token.")
    String routingKey;
    @Option(names = "--alertmanager", description = "Alertmanager's base URL, to run the same load against it.")
    URI alertmanager;
    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    int seconds;
    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured seconds first (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--concurrency", defaultValue = "32", description = "Concurrent senders (default: ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--batch", defaultValue = "50", description = "Alerts per batch (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--batch-rate", defaultValue = "0", description = "Alerts per second offered in the batch runs, spread"
            + " evenly (open loop); 0 sends as fast as the senders can (default: ${DEFAULT-VALUE}).")
    double batchRate;
    @Option(names = "--single-rate", defaultValue = "0", description = "Requests per second offered in the single-alert"
            + " runs (open loop); 0 sends as fast as the senders can (default: ${DEFAULT-VALUE}).")
    double singleRate;

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
        out.printf(Locale.ROOT, "Ingestion benchmark: %d s per run after %d s warm-up, %d concurrent senders, batches of %d;"
                + " %d cores%n", seconds, warmup, concurrency, batch, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "Offered load: batches %s, single requests %s%n",
                batchRate > 0 ? String.format(Locale.ROOT, "%.0f alerts/s (open loop)", batchRate) : "as fast as possible",
                singleRate > 0 ? String.format(Locale.ROOT, "%.0f requests/s (open loop)", singleRate) : "as fast as possible");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Result> results = new ArrayList<>();
        URI wkAm = url.resolve("/ingest/alertmanager");
        URI wkPd = url.resolve("/v2/enqueue");
        double batchRequests = batchRate / batch;
        results.add(run(out, client, "watchkeeper alertmanager-webhook x" + batch, wkAm, batch,
                n -> webhook(n, batch), true, batchRequests));
        results.add(run(out, client, "watchkeeper events-v2 single", wkPd, 1, this::eventsV2, false, singleRate));
        if (alertmanager != null) {
            URI amApi = alertmanager.resolve("/api/v2/alerts");
            results.add(run(out, client, "alertmanager /api/v2/alerts x" + batch, amApi, batch,
                    n -> postable(n, batch), false, batchRequests));
            results.add(run(out, client, "alertmanager /api/v2/alerts single", amApi, 1, n -> postable(n, 1), false,
                    singleRate));
        }
        out.println();
        out.printf(Locale.ROOT, "%-40s %10s %10s %9s %9s %7s%n", "run", "alerts/s", "requests/s", "p50 ms", "p99 ms", "errors");
        for (Result r : results) {
            out.printf(Locale.ROOT, "%-40s %10.0f %10.0f %9.2f %9.2f %7d%n", r.name(), r.alertsPerSecond(),
                    r.requestsPerSecond(), r.p50(), r.p99(), r.errors());
        }
        if (results.size() == 4) {
            out.printf(Locale.ROOT, "ratio watchkeeper/alertmanager: batches %.2f, single requests %.2f%n",
                    results.get(0).alertsPerSecond() / results.get(2).alertsPerSecond(),
                    results.get(1).requestsPerSecond() / results.get(3).requestsPerSecond());
        }
        out.flush();
    }

    /**
     * One run. With {@code requestsPerSecond > 0} the load is open loop: request k is due at
     * {@code k / rate} seconds after the start, whichever sender takes it, and its latency counts from
     * when it was due, so a server that falls behind sees its queueing in the figures (no coordinated
     * omission). Otherwise each sender sends its next request as soon as the previous one is answered.
     */
    private Result run(PrintWriter out, HttpClient client, String name, URI target, int alertsPerRequest,
                       LongFunction<String> body, boolean bearer, double requestsPerSecond) {
        out.printf("running %s ...%n", name);
        out.flush();
        AtomicBoolean measuring = new AtomicBoolean(false);
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
        sleep(warmup * 1000L);
        long start = System.nanoTime();
        measuring.set(true);
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
