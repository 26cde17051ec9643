package dev.watchkeeper.ranking;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.DatabaseOptions;
import dev.watchkeeper.db.triage.QueueFilter;
import dev.watchkeeper.db.triage.TriageStore;
import dev.watchkeeper.db.ranking.DecisionFact;
import dev.watchkeeper.db.ranking.OccurrenceFact;
import dev.watchkeeper.core.Json;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/bench-ranking [--sizes 10000,100000,1000000]}: prints training time by history size, the cost of scoring one alert
 * and of ranking 10,000 open items, on SYNTHETIC demo histories (several teams side by side to reach the
 * larger sizes). Figures depend on the machine; run it where it will serve. Test code: it is not in the jar.
 */
public final class RankingBench {

    private final Features features;
    private final RankingConfig config;
    private final int[] sizes;

    private RankingBench(Features features, RankingConfig config, int[] sizes) {
        this.features = features;
        this.config = config;
        this.sizes = sizes;
    }

    public static void main(String[] args) {
        int[] sizes = {10_000, 100_000, 1_000_000};
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sizes") && i + 1 < args.length) {
                sizes = Arrays.stream(args[++i].split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            } else {
                System.err.println("usage: bin/bench-ranking [--sizes 10000,100000,1000000]");
                System.exit(2);
            }
        }
        try (ApplicationContext ctx = ApplicationContext.builder(Environment.CLI).propertySources(dev.watchkeeper.core.DefaultSettings.source()).start()) {
            new RankingBench(ctx.getBean(Features.class), ctx.getBean(RankingConfig.class), sizes).run();
        }
    }

    record History(List<OccurrenceFact> occurrences, List<DecisionFact> decisions) {
    }

    void run() {
        PrintWriter w = new PrintWriter(System.out, true);
        w.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        Trainer.Options opt = config.trainerOptions();
        RankModel model = null;
        History forScoring = null;
        for (int size : Arrays.stream(sizes).sorted().toArray()) {
            History h = synthetic(size);
            long t0 = System.nanoTime();
            Dataset d = Dataset.replay(features, h.occurrences(), h.decisions());
            double replay = (System.nanoTime() - t0) / 1e9;
            long cutoff = d.startsAt()[d.size() - 1] + 1;
            long t1 = System.nanoTime();
            Trainer.Trained t = Trainer.train(d, cutoff, opt);
            double fit = (System.nanoTime() - t1) / 1e9;
            w.printf(Locale.ROOT, "train on %,9d occurrences: %6.1f s (feature replay %.1f s, fitting %.1f s on %,d rows; "
                            + "chosen %s, hold-out AUC %.3f)%n", d.size(), replay + fit, replay, fit,
                    t.trainRows() + t.holdoutRows(), t.model().kind(), t.holdoutAuc());
            w.flush();
            if (model == null || size <= 100_000) {
                model = t.model();
                forScoring = h;
            }
        }
        scoring(w, model, forScoring);
        queueQuery(w);
    }

    /** Live path: features from in-memory state, explanation and model probability, one alert at a time. */
    private void scoring(PrintWriter w, RankModel model, History h) {
        List<OccurrenceFact> occs = new ArrayList<>(h.occurrences());
        int n = Math.min(10_000, occs.size() / 2);
        int warm = occs.size() - n;
        FeatureState state = new FeatureState();
        List<DecisionFact> acted = new ArrayList<>(h.decisions());
        acted.sort(java.util.Comparator.comparingLong(DecisionFact::at));
        int a = 0;
        for (int i = 0; i < warm; i++) {
            OccurrenceFact o = occs.get(i);
            while (a < acted.size() && acted.get(a).at() < o.startsAt()) {
                state.addDecision(acted.get(a));
                a++;
            }
            state.addOccurrence(o);
        }
        long[] nanos = new long[n];
        double sink = 0;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < n; i++) {
                OccurrenceFact o = occs.get(warm + i);
                long t0 = System.nanoTime();
                double[] x = features.compute(state, o);
                String why = features.explain(state, o);
                double p = model.probability(x);
                nanos[i] = System.nanoTime() - t0;
                sink += p + why.length();
            }
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        w.printf(Locale.ROOT, "score one alert (%s, features + explanation + probability), %d alerts: "
                        + "p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", model.kind(), n, sorted[n / 2] / 1e6,
                sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = model.probability(features.compute(state, occs.get(warm + i)));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            scores[i] = model.probability(features.compute(state, occs.get(warm + i)));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[y], scores[x]));
        w.printf(Locale.ROOT, "re-score and sort %,d open items in memory: %.1f ms%n", n, (System.nanoTime() - t0) / 1e6);
        if (sink == 42) {
            w.println();
        }
    }

    /** The queue as served: 10,000 open scored items read in ranked order from SQLite. */
    private void queueQuery(PrintWriter w) {
        Path dir;
        try {
            dir = Files.createTempDirectory("watchkeeper-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Database db = Database.open(new DatabaseOptions("jdbc:sqlite:" + dir.resolve("bench.db"), null, null, 2,
                10_000, "OFF"))) {
            TriageStore triage = new TriageStore();
            Instant now = Instant.parse("2026-03-02T09:00:00Z");
            java.util.Random rnd = new java.util.Random(1);
            db.writeVoid(tx -> {
                for (int i = 0; i < 10_000; i++) {
                    int id = triage.insertItem(tx, "Alert" + i + "/svc", "Alert " + i, "svc", "warning", false, now);
                    triage.setDecision(tx, id, rnd.nextDouble(), "bench", "quiet", null, null);
                }
            });
            long[] nanos = new long[20];
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                int got = db.read(dsl -> triage.queue(dsl, QueueFilter.active(now, 10_000))).size();
                nanos[i] = System.nanoTime() - t0;
                if (got != 10_000) {
                    throw new IllegalStateException("expected 10000 items, got " + got);
                }
            }
            Arrays.sort(nanos);
            w.printf(Locale.ROOT, "queue page of 10,000 open items (full rows, ranked by stored score): median %.1f ms, "
                    + "worst of 20 %.1f ms%n", nanos[10] / 1e6, nanos[19] / 1e6);
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // scratch files in the temp folder
            }
            dir.toFile().delete();
        }
    }

    /** Demo histories of several made-up teams side by side, cut to {@code size} occurrences. */
    History synthetic(int size) {
        List<OccurrenceFact> occs = new ArrayList<>(size);
        List<DecisionFact> acted = new ArrayList<>();
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        int days = 120;
        for (int team = 0; occs.size() < size; team++) {
            for (String line : DemoHistory.generate(1000 + team, start, days)) {
                if (occs.size() >= size) {
                    break;
                }
                HistoryLine l = HistoryLine.parse(line).line();
                int id = occs.size() + 1;
                String service = "t" + team + "-" + l.labels().get("service");
                java.util.Map<String, String> labels = new java.util.TreeMap<>(l.labels());
                labels.put("service", service);
                occs.add(new OccurrenceFact(id, l.id(), id, l.alertname() + "/" + service, l.alertname(),
                        l.alertname() + "|" + labels, service, l.severity(), Json.write(labels),
                        Json.write(l.annotations()), l.startsAt().toEpochMilli()));
                if (l.action() != null) {
                    acted.add(new DecisionFact(acted.size() + 1, id, id, l.action(), l.actionAt().toEpochMilli()));
                }
            }
        }
        return new History(occs, acted);
    }
}
