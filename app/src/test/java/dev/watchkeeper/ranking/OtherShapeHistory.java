package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchkeeper.core.Json;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A SYNTHETIC history shaped unlike {@link DemoHistory}, so that the ranker is checked on habits it was
 * not tuned on: an alert that matters in prod and not in staging, and then only above a value; one host
 * that is broken for a fortnight at a time; severity that decides within an alert name; an SLO alert
 * acted on in office hours and left to heal at night; flapping consumers; outage storms; drift both
 * ways (one alert becomes actionable, another turns into noise after an upstream fix); plain noise.
 */
final class OtherShapeHistory {

    private final Random rnd;
    private final List<ObjectNode> out = new ArrayList<>();
    /** Each line's own probability of being acted on, by id (what no model sees), for {@link PagingCeiling}. */
    private final Map<String, Double> truth = new HashMap<>();
    private int seq;

    private OtherShapeHistory(long seed) {
        rnd = new Random(seed);
    }

    static List<String> generate(long seed, Instant start, int days) {
        OtherShapeHistory h = new OtherShapeHistory(seed);
        h.build(start, days);
        h.out.sort(Comparator.comparing(o -> o.get("startsAt").asText()));
        return h.out.stream().map(Json::write).toList();
    }

    /** Each line's own probability of being acted on, by id, for the same arguments as {@link #generate}. */
    static Map<String, Double> actedProbabilities(long seed, Instant start, int days) {
        OtherShapeHistory h = new OtherShapeHistory(seed);
        h.build(start, days);
        return Map.copyOf(h.truth);
    }

    private void build(Instant start, int days) {
        String[] hosts = {"db-0", "db-1", "db-2", "db-3", "db-4", "db-5"};
        for (int d = 0; d < days; d++) {
            Instant day = start.plus(Duration.ofDays(d));
            boolean weekend = day.atZone(ZoneOffset.UTC).getDayOfWeek().compareTo(DayOfWeek.SATURDAY) >= 0;
            for (int i = 0, n = between(4, 10); i < n; i++) {
                boolean prod = rnd.nextDouble() < 0.4;
                double lag = -Math.log(1 - rnd.nextDouble()) * 60;
                add(at(day), "ReplicationLag", "warning", prod ? 0.9 / (1 + Math.exp(-(lag - 90) / 20)) : 0.03,
                        between(10, 120), String.format(Locale.ROOT, "%.0f", lag),
                        "service", "warehouse", "env", prod ? "prod" : "staging", "instance", hosts[rnd.nextInt(6)]);
            }
            String broken = hosts[(d / 14) % hosts.length];
            for (int i = 0, n = between(3, 8); i < n; i++) {
                String host = hosts[rnd.nextInt(6)];
                add(at(day), "HostMemoryPressure", "warning", host.equals(broken) && (d / 14) % 2 == 1 ? 0.6 : 0.05,
                        between(5, 60), String.format(Locale.ROOT, "%.2f", 0.8 + rnd.nextDouble() * 0.19),
                        "service", "warehouse", "instance", host);
            }
            for (int i = 0, n = between(2, 6); i < n; i++) {
                String severity = new String[]{"info", "warning", "critical"}[rnd.nextInt(3)];
                double p = switch (severity) {
                    case "info" -> 0.02;
                    case "warning" -> 0.1;
                    default -> 0.7;
                };
                add(at(day), "TrainingLossDiverged", severity, p, between(30, 200),
                        String.format(Locale.ROOT, "%.2f", 1 + rnd.nextDouble() * 8), "service", "trainer", "job", "job-" + rnd.nextInt(5));
            }
            for (int i = 0, n = between(3, 7); i < n; i++) {
                Instant t = at(day);
                int hour = t.atZone(ZoneOffset.UTC).getHour();
                boolean office = hour >= 9 && hour < 18 && !weekend;
                add(t, "InferenceErrorBudgetBurn", "error", office ? 0.5 : 0.06, between(10, 90),
                        String.format(Locale.ROOT, "%.3f", 0.01 + rnd.nextDouble() * 0.19),
                        "service", "inference", "region", rnd.nextBoolean() ? "eu" : "us");
            }
            for (int i = 0, n = between(1, 3); i < n; i++) {
                Instant t = at(day);
                boolean real = rnd.nextDouble() < 0.3;
                String queue = "queue-" + rnd.nextInt(3);
                for (int k = 0, flaps = between(1, 6); k < flaps; k++) {
                    add(t.plus(Duration.ofMinutes((long) k * between(2, 9))), "ConsumerLagHigh", "warning",
                            real && k == 0 ? 0.75 : 0.03, between(1, 5), String.valueOf(between(1000, 90000)),
                            "service", "stream", "queue", queue);
                }
            }
            if (rnd.nextDouble() < 0.25) {
                Instant t = at(day);
                String service = new String[]{"inference", "stream", "warehouse"}[rnd.nextInt(3)];
                String[] echoes = {"ErrorRateHigh", "LatencyP99High", "DependencyTimeout", "PodRestarts"};
                for (int k = 0, n = between(6, 20); k < n; k++) {
                    add(t.plusSeconds((long) k * between(5, 40)), k == 0 ? "ServiceDown" : echoes[rnd.nextInt(4)],
                            k == 0 ? "critical" : "error", k < 2 ? 0.9 : 0.06, between(5, 40), String.valueOf(rnd.nextInt(101)),
                            "service", service, "pod", service + "-" + rnd.nextInt(8));
                }
            }
            for (int i = 0, n = between(1, 4); i < n; i++) {
                add(at(day), "EmbeddingDriftHigh", "warning", d >= days * 0.6 ? 0.65 : 0.04, between(60, 300),
                        String.format(Locale.ROOT, "%.2f", 0.1 + rnd.nextDouble() * 0.4), "service", "trainer", "model", "emb-" + rnd.nextInt(3));
            }
            for (int i = 0, n = between(1, 4); i < n; i++) {
                add(at(day), "SchemaCheckFailed", "error", d < days * 0.5 ? 0.55 : 0.05, between(30, 100), "1",
                        "service", "warehouse", "table", "t" + rnd.nextInt(10));
            }
            for (int i = 0, n = between(3, 9); i < n; i++) {
                add(at(day), new String[]{"CPUThrottling", "DiskIOHigh", "NodeNotReady"}[rnd.nextInt(3)], "warning", 0.03,
                        between(5, 500), String.valueOf(rnd.nextInt(101)), "service", "platform", "node", "n" + rnd.nextInt(20));
            }
            for (int i = 0, n = between(0, 3); i < n; i++) {
                add(at(day), "BackfillFailed", "error", 0.4, between(30, 300), "1", "service", "warehouse", "job", "bf-" + rnd.nextInt(4));
            }
        }
    }

    private void add(Instant startsAt, String alertname, String severity, double actedProbability, int minutes,
                     String value, String... labels) {
        ObjectNode o = DemoHistory.line(String.format("other-%06d", ++seq), alertname, severity);
        truth.put(o.get("id").asText(), actedProbability);
        ObjectNode l = o.putObject("labels");
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        ObjectNode ann = o.putObject("annotations");
        ann.put("summary", alertname + " " + String.join(",", labels));
        ann.put("value", value);
        o.put("startsAt", startsAt.toString());
        o.put("endsAt", startsAt.plus(Duration.ofMinutes(minutes)).toString());
        double u = rnd.nextDouble();
        if (u < actedProbability) {
            outcome(o, "acted", startsAt.plus(Duration.ofMinutes(between(2, 60))));
        } else if (u < actedProbability + (1 - actedProbability) * 0.5) {
            outcome(o, "ack", startsAt.plus(Duration.ofMinutes(between(1, 30))));
        } else if (u < actedProbability + (1 - actedProbability) * 0.7) {
            outcome(o, "noise", startsAt.plus(Duration.ofMinutes(between(1, 90))));
        } else {
            o.putNull("outcome");
        }
        out.add(o);
    }

    private static void outcome(ObjectNode o, String action, Instant at) {
        ObjectNode out = o.putObject("outcome");
        out.put("action", action);
        out.put("at", at.toString());
        out.put("by", "oncall");
    }

    private Instant at(Instant day) {
        ZonedDateTime z = day.atZone(ZoneOffset.UTC);
        return z.plusMinutes(rnd.nextInt(24 * 60)).plusSeconds(rnd.nextInt(60)).toInstant();
    }

    private int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }
}
