package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;
import dev.watchkeeper.triage.ActionKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A SYNTHETIC alert history for demos and tests: made up, seeded, never real data. It has what real
 * ML on-call histories have: a mostly-ignored stream of data-quality warnings whose numeric value
 * matters, nightly batch-job noise, a flapping latency alert, outages that set off storms of alerts
 * where only the first few get acted on, services that differ in how seriously the same alert is taken,
 * and drift: a drift alert that is noise for the first two thirds of the period and actionable after.
 */
public final class DemoHistory {

    private final Random rnd;
    private final Instant start;
    private final int days;
    private final Instant notAfter;
    private final List<ObjectNode> out = new ArrayList<>();
    /** Each line's own probability of being acted on, by id: what no model sees, for {@link PagingCeiling}. */
    private final Map<String, Double> truth = new HashMap<>();
    private int seq;
    /** Occurrence ids name the history (seed, first day, length), so a second demo history imports whole. */
    private final String idPrefix;

    private DemoHistory(long seed, Instant start, int days, Instant notAfter) {
        this.idPrefix = String.format(Locale.ROOT, "demo-s%d-%s-%dd-", seed,
                start.atZone(ZoneOffset.UTC).toLocalDate().toString().replace("-", ""), days);
        this.notAfter = notAfter;
        this.rnd = new Random(seed);
        this.start = start;
        this.days = days;
    }

    /** History lines (JSON) in time order. */
    public static List<String> generate(long seed, Instant start, int days) {
        return generate(seed, start, days, Instant.MAX);
    }

    /** The same, as known at {@code notAfter}: later ends and decisions have not happened yet. */
    public static List<String> generate(long seed, Instant start, int days, Instant notAfter) {
        DemoHistory h = new DemoHistory(seed, start, days, notAfter);
        h.build();
        h.out.sort(Comparator.comparing(o -> o.get("startsAt").asText()));
        return h.out.stream().map(Json::write).toList();
    }

    /**
     * Each line's own probability of being acted on, by occurrence id, for the same arguments as
     * {@link #generate(long, Instant, int)} (the lines are not changed by asking): the best any score
     * could know, so {@link PagingCeiling#expectedQuiet} bounds what a paging threshold can do on this history.
     */
    static Map<String, Double> actedProbabilities(long seed, Instant start, int days) {
        DemoHistory h = new DemoHistory(seed, start, days, Instant.MAX);
        h.build();
        return Map.copyOf(h.truth);
    }

    private void build() {
        String[] features = {"user_age", "country", "session_len", "item_price", "click_rate", "dwell_time"};
        for (int d = 0; d < days; d++) {
            Instant day = start.plus(Duration.ofDays(d));
            boolean weekend = day.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() >= 6;
            // Data-quality checks: acted on when the null rate is really high, more often on the ranker.
            for (int i = 0, n = poisson(weekend ? 5 : 9); i < n; i++) {
                String service = rnd.nextDouble() < 0.5 ? "ranker" : "feature-store";
                double value = Math.min(0.95, Math.abs(rnd.nextGaussian() * 0.12) + 0.05);
                double p = sigmoid((value - 0.3) * 18) * ("ranker".equals(service) ? 0.9 : 0.45);
                add(at(day, rnd.nextInt(24 * 60)), "FeatureNullRateHigh", value > 0.4 ? "error" : "warning", service,
                        "feature", features[rnd.nextInt(features.length)], String.format(Locale.ROOT, "%.2f", value),
                        p, 20 + rnd.nextInt(120));
            }
            // Nightly batch jobs: late most nights, hardly ever a real problem.
            for (int job = 0; job < 5; job++) {
                if (rnd.nextDouble() < 0.7) {
                    add(at(day, 120 + rnd.nextInt(30)), "BatchJobLate", "warning", "etl", "job", "etl-job-" + job,
                            String.valueOf(10 + rnd.nextInt(50)), 0.03, 30 + rnd.nextInt(60));
                }
            }
            // Serving accuracy SLO: acted on when accuracy is clearly low.
            for (int i = 0, n = poisson(1.2); i < n; i++) {
                double acc = 0.86 + rnd.nextDouble() * 0.1;
                add(at(day, rnd.nextInt(24 * 60)), "ModelAccuracyBelowSLO", acc < 0.9 ? "critical" : "error",
                        "serving", "model", "ctr-v" + (1 + rnd.nextInt(3)), String.format(Locale.ROOT, "%.3f", acc),
                        acc < 0.9 ? 0.75 : 0.15, 30 + rnd.nextInt(180));
            }
            // Flapping latency alert: bursts of re-firings of the same fingerprint; rarely acted on.
            for (int i = 0, n = poisson(1.5); i < n; i++) {
                int minute = rnd.nextInt(24 * 60 - 120);
                String pod = "serving-" + rnd.nextInt(4);
                boolean real = rnd.nextDouble() < 0.15;
                for (int k = 0, flaps = 2 + rnd.nextInt(6); k < flaps; k++) {
                    add(at(day, minute + k * (3 + rnd.nextInt(8))), "PredictionLatencyHigh", "warning", "serving",
                            "pod", pod, String.valueOf(200 + rnd.nextInt(400)), real && k == 0 ? 0.8 : 0.04,
                            1 + rnd.nextInt(3));
                }
            }
            // Disk and GPU housekeeping on the training cluster: noise.
            for (int i = 0, n = poisson(3); i < n; i++) {
                boolean disk = rnd.nextBoolean();
                add(at(day, rnd.nextInt(24 * 60)), disk ? "DiskUsageHigh" : "GPUUtilizationLow",
                        disk ? "warning" : "info", "training", "node", "gpu-node-" + rnd.nextInt(8),
                        String.valueOf(disk ? 80 + rnd.nextInt(19) : rnd.nextInt(20)), disk ? 0.06 : 0.01,
                        60 + rnd.nextInt(300));
            }
            // Label pipeline delays: mostly acknowledged.
            for (int i = 0, n = poisson(2); i < n; i++) {
                add(at(day, rnd.nextInt(24 * 60)), "LabelDelay", "info", "labeling", "source", "feedback-" + rnd.nextInt(3),
                        String.valueOf(1 + rnd.nextInt(12)), 0.04, 60 + rnd.nextInt(240));
            }
            // Drift: noise for the first two thirds of the period, actionable afterwards.
            boolean drifted = d >= days * 2 / 3;
            for (int i = 0, n = poisson(2); i < n; i++) {
                double score = 0.1 + rnd.nextDouble() * 0.3;
                add(at(day, rnd.nextInt(24 * 60)), "DriftScoreHigh", "warning", "ranker", "feature",
                        features[rnd.nextInt(features.length)], String.format(Locale.ROOT, "%.2f", score),
                        drifted ? 0.7 : 0.03, 60 + rnd.nextInt(200));
            }
            // Outages: a storm of alerts within minutes; the first ones get acted on, the echoes do not.
            if (rnd.nextDouble() < 0.2) {
                String[] services = {"serving", "feature-store", "ranker"};
                String service = services[rnd.nextInt(services.length)];
                String[] names = {"UpstreamErrorRate", "PodCrashLooping", "QueueBacklog", "HealthCheckFailing",
                        "PredictionLatencyHigh", "FeatureFetchTimeout"};
                int minute = rnd.nextInt(24 * 60 - 30);
                for (int k = 0, n = 8 + rnd.nextInt(18); k < n; k++) {
                    String name = names[k < 2 ? k : rnd.nextInt(names.length)];
                    add(at(day, minute).plusSeconds(k * (5 + rnd.nextInt(20))), name, k == 0 ? "critical" : "error",
                            service, "instance", service + "-" + rnd.nextInt(6), String.valueOf(rnd.nextInt(100)),
                            k < 2 ? 0.85 : 0.08, 10 + rnd.nextInt(60));
                }
            }
            // Background: assorted low-volume alerts with their own habits.
            for (int i = 0, n = poisson(2); i < n; i++) {
                boolean cert = rnd.nextDouble() < 0.3;
                add(at(day, rnd.nextInt(24 * 60)), cert ? "CertificateExpiresSoon" : "TrainingJobFailed",
                        cert ? "warning" : "error", "training", "job", cert ? "ingress" : "nightly-train-" + rnd.nextInt(3),
                        String.valueOf(rnd.nextInt(30)), cert ? 0.5 : 0.35, 30 + rnd.nextInt(300));
            }
        }
    }

    private void add(Instant startsAt, String alertname, String severity, String service, String labelKey,
                     String labelValue, String value, double actedProbability, int minutes) {
        ObjectNode o = line(idPrefix + String.format(Locale.ROOT, "%06d", ++seq), alertname, severity);
        truth.put(o.get("id").asText(), actedProbability);
        ObjectNode labels = o.putObject("labels");
        labels.put("service", service);
        labels.put(labelKey, labelValue);
        labels.put("team", service.equals("etl") || service.equals("labeling") ? "data" : "ml");
        ObjectNode ann = o.putObject("annotations");
        ann.put("summary", alertname + " on " + service + " " + labelKey + "=" + labelValue);
        ann.put("value", value);
        o.put("startsAt", startsAt.toString());
        Instant endsAt = startsAt.plus(Duration.ofMinutes(minutes));
        if (endsAt.isAfter(notAfter)) {
            o.putNull("endsAt");
        } else {
            o.put("endsAt", endsAt.toString());
        }
        double u = rnd.nextDouble();
        if (u < actedProbability) {
            outcome(o, ActionKind.ACTED.wire(), startsAt.plus(Duration.ofMinutes(3 + rnd.nextInt(40))));
        } else if (u < actedProbability + (1 - actedProbability) * 0.55) {
            outcome(o, ActionKind.ACK.wire(), startsAt.plus(Duration.ofMinutes(1 + rnd.nextInt(30))));
        } else if (u < actedProbability + (1 - actedProbability) * 0.75) {
            outcome(o, ActionKind.NOISE.wire(), startsAt.plus(Duration.ofMinutes(2 + rnd.nextInt(90))));
        } else {
            o.putNull("outcome");
        }
        out.add(o);
    }

    /** The start of a history line from Alertmanager: id, source, alert name and severity. */
    static ObjectNode line(String id, String alertname, String severity) {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("source", "alertmanager");
        o.put("alertname", alertname);
        o.put("severity", severity);
        return o;
    }

    private void outcome(ObjectNode o, String action, Instant at) {
        if (at.isAfter(notAfter)) {
            o.putNull("outcome");
            return;
        }
        ObjectNode out = o.putObject("outcome");
        out.put("action", action);
        out.put("at", at.toString());
        out.put("by", new String[]{"alice", "bob", "chen", "dana"}[rnd.nextInt(4)]);
    }

    private Instant at(Instant day, int minute) {
        return day.plus(Duration.ofMinutes(minute)).plusSeconds(rnd.nextInt(60));
    }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
