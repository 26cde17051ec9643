package dev.watchkeeper.ranking;

import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains logistic regression and gradient-boosted trees on everything known before a cutoff, compares
 * them on a time-based hold-out (the latest part of the window), keeps the better one, calibrates it on
 * the hold-out and picks the paging threshold there for the recall target.
 */
public final class Trainer {

    public record Options(double recallTarget, int maxRows, long labelWaitMillis, double holdoutShare, int ntrees,
                          int maxDepth, int maxNodes, int nodeSize, double shrinkage, double subsample, long seed,
                          String kinds, boolean refit, int gbtMaxRows, double pageBudgetPerDay) {

        public static Options defaults() {
            return new Options(0.95, 200_000, 2 * Features.HOUR, 0.2, 100, 4, 6, 25, 0.05, 0.7, 42, "logistic,gbt", true,
                    25_000, 0);
        }

        /** The same options with other model kinds (e.g. a live version's own kind, for the promotion gate). */
        public Options withKinds(String k) {
            return new Options(recallTarget, maxRows, labelWaitMillis, holdoutShare, ntrees, maxDepth, maxNodes,
                    nodeSize, shrinkage, subsample, seed, k, refit, gbtMaxRows, pageBudgetPerDay);
        }

        /**
         * The hyper-parameters a model version was stored with ({@link #params}), the defaults for any it
         * does not name (versions stored before they existed).
         */
        public static Options fromParams(String json) {
            Options d = defaults();
            com.fasterxml.jackson.databind.JsonNode p = dev.watchkeeper.core.Json.parse(json == null || json.isBlank() ? "{}" : json);
            return new Options(p.path("recall_target").asDouble(d.recallTarget), p.path("max_rows").asInt(d.maxRows),
                    p.path("label_wait_minutes").asLong(d.labelWaitMillis / Features.MINUTE) * Features.MINUTE,
                    p.path("holdout_share").asDouble(d.holdoutShare), p.path("gbt_trees").asInt(d.ntrees),
                    p.path("gbt_max_depth").asInt(d.maxDepth), p.path("gbt_max_nodes").asInt(d.maxNodes),
                    p.path("gbt_node_size").asInt(d.nodeSize), p.path("gbt_shrinkage").asDouble(d.shrinkage),
                    p.path("gbt_subsample").asDouble(d.subsample), p.path("seed").asLong(d.seed), d.kinds,
                    p.path("refit_on_whole_window").asBoolean(d.refit), p.path("gbt_max_rows").asInt(d.gbtMaxRows),
                    p.path("page_budget_per_day").asDouble(d.pageBudgetPerDay));
        }

        Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("recall_target", recallTarget);
            p.put("max_rows", maxRows);
            p.put("label_wait_minutes", labelWaitMillis / Features.MINUTE);
            p.put("holdout_share", holdoutShare);
            p.put("gbt_trees", ntrees);
            p.put("gbt_max_depth", maxDepth);
            p.put("gbt_max_nodes", maxNodes);
            p.put("gbt_node_size", nodeSize);
            p.put("gbt_shrinkage", shrinkage);
            p.put("gbt_subsample", subsample);
            p.put("logistic_lambda", LAMBDA);
            p.put("blend_margin", BLEND_MARGIN);
            p.put("calibration_prior", RankModel.CALIBRATION_PRIOR);
            p.put("seed", seed);
            p.put("refit_on_whole_window", refit);
            p.put("gbt_max_rows", gbtMaxRows);
            p.put("page_budget_per_day", pageBudgetPerDay);
            p.put("threshold_folds", THRESHOLD_FOLDS);
            return p;
        }
    }

    public record Trained(RankModel model, long trainFrom, long holdoutFrom, long cutoff, int trainRows,
                          int holdoutRows, int positives, double threshold, double holdoutAuc,
                          Map<String, Object> metrics, Map<String, Object> params, PagingStatement paging,
                          int holdoutStart, int holdoutEnd, double[] holdoutRaw) {
    }

    public static final class NotEnoughHistory extends RuntimeException {
        public NotEnoughHistory(String message) {
            super(message);
        }
    }

    /**
     * L2 penalty of logistic regression on standardised features. Strong on purpose: with a month of
     * history (about a thousand rows, a hundred acted on) and seventy correlated features, a weak penalty
     * (1.0 was tried) overfits and lost to the plain alert-name rate in walk-forward backtests; 300 won.
     */
    static final double LAMBDA = 300;

    /**
     * The blend of both models is served unless one alone beats it on the hold-out AUC by this much:
     * choosing by a hold-out of a few hundred rows flips from day to day on noise, and the blend was the
     * steadiest in walk-forward backtests.
     */
    static final double BLEND_MARGIN = 0.02;

    /**
     * Time folds whose out-of-sample scores choose the paging threshold: the hold-out, and before it one
     * more window of the same length scored by the chosen kind trained only on the rows before it. The
     * threshold for 95% recall sits near the lowest acted-on scores, so it rests on the few acted-on rows
     * of the hold-out alone (about 25 on a demo month) swung from day to day; twice the rows steady it.
     */
    static final int THRESHOLD_FOLDS = 2;

    private Trainer() {
    }

    public static Trained train(Dataset d, long cutoff, Options opt) {
        int end = d.firstAtOrAfter(cutoff - opt.labelWaitMillis());
        int start = Math.max(0, end - opt.maxRows());
        int split = start + (int) Math.round((end - start) * (1 - opt.holdoutShare()));
        int[] yTrain = labels(d, start, split, cutoff);
        int[] yHold = labels(d, split, end, cutoff);
        int posTrain = Arrays.stream(yTrain).sum();
        int posHold = Arrays.stream(yHold).sum();
        if (end - start < 200 || posTrain < 10 || posHold < 3 || posTrain == yTrain.length) {
            throw new NotEnoughHistory("too little history before the cutoff to train: " + (end - start)
                    + " occurrences with " + (posTrain + posHold) + " acted on (need 200 with 13 acted on)");
        }
        double[][] xTrain = Arrays.copyOfRange(d.x(), start, split);
        double[][] xHold = Arrays.copyOfRange(d.x(), split, end);

        Map<String, Object> metrics = new LinkedHashMap<>();
        RankModel best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        double bestScore = Double.NEGATIVE_INFINITY;
        double[] bestRaw = null;
        Map<String, RankModel> fitted = new LinkedHashMap<>();
        List<String> kinds = new ArrayList<>(Arrays.stream(opt.kinds().split(",")).map(String::trim).toList());
        if (kinds.contains("logistic") && kinds.contains("gbt")) {
            kinds.add("blend");
        }
        for (String kind : kinds) {
            long t0 = System.nanoTime();
            RankModel m = switch (kind) {
                case "logistic" -> logistic(xTrain, yTrain);
                case "gbt" -> gbt(tail(xTrain, opt.gbtMaxRows()), tail(yTrain, opt.gbtMaxRows()), opt);
                case "blend" -> RankModel.blend(fitted.get("logistic"), fitted.get("gbt"));
                default -> throw new IllegalArgumentException("unknown model kind " + kind);
            };
            fitted.put(kind, m);
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            double[] raw = new double[xHold.length];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = m.raw(xHold[i]);
            }
            double auc = Metrics.auc(raw, yHold);
            Map<String, Object> km = new LinkedHashMap<>();
            km.put("holdout_auc", round(auc));
            km.put("holdout_recall_top20", round(Metrics.recallAtTop(raw, yHold, 0.2)));
            km.put("fit_seconds", round(fitSeconds));
            metrics.put(kind, km);
            double score = "blend".equals(kind) ? auc + BLEND_MARGIN : auc;
            if (score > bestScore) {
                bestScore = score;
                bestAuc = auc;
                best = m;
                bestRaw = raw;
            }
        }
        best.calibrate(bestRaw, yHold);
        double[] p = new double[xHold.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = best.probability(xHold[i]);
        }
        // The chosen kind is fitted again on the whole window so that the latest days (often where
        // drift shows) are learnt from; calibration and threshold stay those measured on the hold-out.
        if (opt.refit()) {
            double[][] xAll = Arrays.copyOfRange(d.x(), start, end);
            int[] yAll = labels(d, start, end, cutoff);
            RankModel refit = fit(best.kind(), xAll, yAll, opt);
            refit.calibrateLike(best);
            best = refit;
        }
        // Out-of-sample scores for the paging decision: the hold-out, and earlier folds of the same length
        // scored by the chosen kind trained only on what came before each (calibrated as the served model).
        int width = end - split;
        List<double[]> foldP = new ArrayList<>(List.of(p));
        List<int[]> foldY = new ArrayList<>(List.of(yHold));
        int oosFrom = split;
        for (int f = 1; f < THRESHOLD_FOLDS; f++) {
            int fEnd = split - (f - 1) * width;
            int fStart = fEnd - width;
            int[] yBefore = labels(d, start, Math.max(start, fStart), cutoff);
            if (fStart - start < 200 || Arrays.stream(yBefore).sum() < 10) {
                break;
            }
            RankModel fm = fit(best.kind(), Arrays.copyOfRange(d.x(), start, fStart), yBefore, opt);
            fm.calibrateLike(best);
            double[] fp = new double[fEnd - fStart];
            for (int i = 0; i < fp.length; i++) {
                fp[i] = fm.probability(d.x()[fStart + i]);
            }
            foldP.addFirst(fp);
            foldY.addFirst(labels(d, fStart, fEnd, cutoff));
            oosFrom = fStart;
        }
        double[] oosP = foldP.stream().flatMapToDouble(Arrays::stream).toArray();
        int[] oosY = foldY.stream().flatMapToInt(Arrays::stream).toArray();
        double[] oosRate = Arrays.copyOfRange(d.nameRate(), oosFrom, end);
        long[] oosT = Arrays.copyOfRange(d.startsAt(), oosFrom, end);
        PagingStatement paging = PagingStatement.choose(oosP, oosRate, oosY, oosT, opt.recallTarget(),
                opt.pageBudgetPerDay());
        double threshold = paging.threshold();
        double paged = Arrays.stream(p).filter(v -> v >= threshold).count() / (double) p.length;
        double[] rate = Arrays.copyOfRange(d.nameRate(), split, end);
        metrics.put("alertname_rate_baseline", Map.of("holdout_auc", round(Metrics.auc(rate, yHold)),
                "holdout_recall_top20", round(Metrics.recallAtTop(rate, yHold, 0.2))));
        metrics.put("chosen", best.kind());
        metrics.put("holdout_logloss_calibrated", round(Metrics.logLoss(p, yHold)));
        metrics.put("holdout_share_paged_at_threshold", round(paged));
        metrics.put("train_rows", split - start);
        metrics.put("holdout_rows", end - split);
        metrics.put("positives", posTrain + posHold);
        metrics.put("paging", paging.toMap());
        return new Trained(best, d.startsAt()[start], d.startsAt()[split], cutoff, split - start, end - split,
                posTrain + posHold, threshold, bestAuc, metrics, opt.params(), paging, split, end, bestRaw);
    }

    /** A model of one kind ({@code logistic}, {@code gbt} or {@code blend}) fitted on these rows. */
    static RankModel fit(String kind, double[][] x, int[] y, Options opt) {
        return switch (kind) {
            case "gbt" -> gbt(tail(x, opt.gbtMaxRows()), tail(y, opt.gbtMaxRows()), opt);
            case "logistic" -> logistic(x, y);
            case "blend" -> RankModel.blend(logistic(x, y), gbt(tail(x, opt.gbtMaxRows()), tail(y, opt.gbtMaxRows()), opt));
            default -> throw new IllegalArgumentException("unknown model kind " + kind);
        };
    }

    /** AUC of a model on rows {@code [from, to)} of a dataset with labels known at {@code cutoff}. */
    public static double auc(RankModel m, Dataset d, long from, long to, long cutoff) {
        int a = d.firstAtOrAfter(from);
        int b = d.firstAtOrAfter(to);
        double[] s = new double[b - a];
        for (int i = a; i < b; i++) {
            s[i - a] = m.probability(d.x()[i]);
        }
        return Metrics.auc(s, labels(d, a, b, cutoff));
    }

    private static RankModel logistic(double[][] x, int[] y) {
        int k = x[0].length;
        double[] mean = new double[k];
        double[] sd = new double[k];
        for (double[] r : x) {
            for (int j = 0; j < k; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < k; j++) {
            mean[j] /= x.length;
        }
        for (double[] r : x) {
            for (int j = 0; j < k; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
            }
        }
        double[][] z = new double[x.length][k];
        for (int j = 0; j < k; j++) {
            sd[j] = Math.sqrt(sd[j] / x.length);
            if (sd[j] < 1e-9) {
                sd[j] = 1;
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < k; j++) {
                z[i][j] = (x[i][j] - mean[j]) / sd[j];
            }
        }
        LogisticRegression lr = LogisticRegression.binomial(z, y, new LogisticRegression.Options(LAMBDA, 1e-5, 500));
        return new RankModel("logistic", Features.NAMES, mean, sd, lr, null);
    }

    private static RankModel gbt(double[][] x, int[] y, Options opt) {
        DataFrame df = DataFrame.of(x, Features.NAMES.toArray(String[]::new)).merge(new DataFrame(new IntVector("y", y)));
        MathEx.setSeed(opt.seed());
        GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs("y"), df,
                new GradientTreeBoost.Options(opt.ntrees(), opt.maxDepth(), opt.maxNodes(), opt.nodeSize(),
                        opt.shrinkage(), opt.subsample(), null, null));
        return new RankModel("gbt", Features.NAMES, null, null, null, model);
    }

    /** The most recent {@code max} rows: tree boosting costs grow with rows, so it learns from the latest. */
    private static double[][] tail(double[][] x, int max) {
        return x.length <= max ? x : Arrays.copyOfRange(x, x.length - max, x.length);
    }

    private static int[] tail(int[] y, int max) {
        return y.length <= max ? y : Arrays.copyOfRange(y, y.length - max, y.length);
    }

    static int[] labels(Dataset d, int from, int to, long cutoff) {
        int[] y = new int[to - from];
        for (int i = from; i < to; i++) {
            y[i - from] = d.label(i, cutoff);
        }
        return y;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
