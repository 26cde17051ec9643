package dev.watchkeeper.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchkeeper.core.Json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The paging decision of a model version and what it means in people's terms, measured on scores the
 * model was not trained on: the threshold, the share of alerts it pages, the share of the alerts nobody
 * acted on that it keeps quiet, the share of acted-on alerts it catches, pages per day; and the same for
 * the per-alert-name action rate with its own threshold for the same recall target, on the same rows.
 *
 * @param recallThreshold the threshold the recall target alone asks for
 * @param budgetPerDay    the page budget (pages a day), 0 for none
 * @param budgetBinds     the budget raised the threshold above {@code recallThreshold}: recall is below target
 */
public record PagingStatement(double threshold, double recallTarget, double recall, double pagedShare,
                              double quietNoiseShare, double pagesPerDay, int rows, int acted, double days,
                              double budgetPerDay, boolean budgetBinds, double recallThreshold,
                              double rateThreshold, double rateRecall, double rateQuietNoiseShare,
                              double ratePagedShare, double recallPagesPerDay) {

    /**
     * Chooses the threshold on out-of-sample scores {@code p} (labels {@code y}, start times {@code t}):
     * the highest one that still catches {@code recallTarget} of the acted-on rows; with a page budget,
     * no lower than what keeps the pages a day within it.
     */
    public static PagingStatement choose(double[] p, double[] rate, int[] y, long[] t, double recallTarget,
                                         double budgetPerDay) {
        double recallTh = Metrics.thresholdForRecall(p, y, recallTarget);
        double days = days(t);
        double th = recallTh;
        boolean binds = false;
        if (budgetPerDay > 0) {
            int allowed = (int) Math.floor(budgetPerDay * days);
            if (count(p, recallTh) > allowed) {
                double[] sorted = p.clone();
                Arrays.sort(sorted);
                // Just above the (allowed+1)-th highest score: at most `allowed` rows reach it, ties included.
                th = Math.max(recallTh, Math.nextUp(sorted[sorted.length - 1 - Math.min(allowed, sorted.length - 1)]));
                binds = th > recallTh;
            }
        }
        double rateTh = Metrics.thresholdForRecall(rate, y, recallTarget);
        int acted = Arrays.stream(y).sum();
        return new PagingStatement(th, recallTarget, recall(p, y, th), share(p, th), quietNoise(p, y, th),
                count(p, th) / days, p.length, acted, days, budgetPerDay, binds, recallTh, rateTh,
                recall(rate, y, rateTh), quietNoise(rate, y, rateTh), share(rate, rateTh), count(p, recallTh) / days);
    }

    static double days(long[] t) {
        if (t.length == 0) {
            return 1;
        }
        long min = Arrays.stream(t).min().getAsLong();
        long max = Arrays.stream(t).max().getAsLong();
        return Math.max(1, (max - min) / (double) Features.DAY);
    }

    static int count(double[] p, double th) {
        int n = 0;
        for (double v : p) {
            if (v >= th) {
                n++;
            }
        }
        return n;
    }

    static double share(double[] p, double th) {
        return p.length == 0 ? Double.NaN : count(p, th) / (double) p.length;
    }

    static double recall(double[] p, int[] y, double th) {
        int pos = 0;
        int caught = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] == 1) {
                pos++;
                if (p[i] >= th) {
                    caught++;
                }
            }
        }
        return pos == 0 ? Double.NaN : caught / (double) pos;
    }

    static double quietNoise(double[] p, int[] y, double th) {
        int neg = 0;
        int quiet = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] == 0) {
                neg++;
                if (p[i] < th) {
                    quiet++;
                }
            }
        }
        return neg == 0 ? Double.NaN : quiet / (double) neg;
    }

    /** One sentence for people on call. */
    public String inPeopleTerms() {
        String s = String.format(Locale.ROOT, "pages about %.0f%% of alerts (about %.1f a day), keeps %.0f%% of the "
                        + "alerts nobody acted on quiet and catches %.0f%% of the acted-on ones", pagedShare * 100,
                pagesPerDay, quietNoiseShare * 100, recall * 100);
        if (budgetBinds) {
            s += String.format(Locale.ROOT, "; the page budget of %s a day wins over the %.0f%% recall target "
                            + "(which would page about %.1f a day): it catches %.0f%% of acted-on alerts instead of %.0f%%; "
                            + "the others wait in the quiet lane, still in the queue",
                    trim(budgetPerDay), recallTarget * 100, recallPagesPerDay, recall * 100, recallTarget * 100);
        }
        return s + String.format(Locale.ROOT, " (measured on %d occurrences it was not trained on, %d acted on)",
                rows, acted);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** As stored with the model version (metrics JSON, key {@code paging}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("recall_target", recallTarget);
        m.put("recall", Trainer.round(recall));
        m.put("paged_share", Trainer.round(pagedShare));
        m.put("quiet_noise_share", Trainer.round(quietNoiseShare));
        m.put("pages_per_day", Trainer.round(pagesPerDay));
        m.put("rows", rows);
        m.put("acted", acted);
        m.put("days", Trainer.round(days));
        m.put("budget_per_day", budgetPerDay);
        m.put("budget_binds", budgetBinds);
        m.put("recall_threshold", recallThreshold);
        m.put("alertname_rate_threshold", rateThreshold);
        m.put("alertname_rate_recall", Trainer.round(rateRecall));
        m.put("alertname_rate_quiet_noise_share", Trainer.round(rateQuietNoiseShare));
        m.put("alertname_rate_paged_share", Trainer.round(ratePagedShare));
        m.put("pages_per_day_at_recall_target", Trainer.round(recallPagesPerDay));
        return m;
    }

    /** The statement stored in a model version's metrics JSON, if it has one (versions before it do not). */
    public static Optional<PagingStatement> fromMetrics(String metricsJson) {
        if (metricsJson == null || metricsJson.isBlank()) {
            return Optional.empty();
        }
        JsonNode p = Json.parse(metricsJson).get("paging");
        if (p == null || !p.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new PagingStatement(p.path("threshold").asDouble(), p.path("recall_target").asDouble(),
                p.path("recall").asDouble(), p.path("paged_share").asDouble(), p.path("quiet_noise_share").asDouble(),
                p.path("pages_per_day").asDouble(), p.path("rows").asInt(), p.path("acted").asInt(),
                p.path("days").asDouble(), p.path("budget_per_day").asDouble(), p.path("budget_binds").asBoolean(),
                p.path("recall_threshold").asDouble(), p.path("alertname_rate_threshold").asDouble(),
                p.path("alertname_rate_recall").asDouble(), p.path("alertname_rate_quiet_noise_share").asDouble(),
                p.path("alertname_rate_paged_share").asDouble(), p.path("pages_per_day_at_recall_target").asDouble()));
    }
}
