package dev.watchkeeper.review;

import dev.watchkeeper.db.review.ReviewStore.LabelledOccurrence;
import dev.watchkeeper.db.review.ReviewStore.NameDecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The weekly review's figures per alert name: the noisiest names, and the names people act on more and more. */
final class AlertNameFigures {

    private AlertNameFigures() {
    }

    /** The alert names that fired most in the week, with how often people acted on them and what to do next. */
    static List<Review.NoisyName> noisiest(List<LabelledOccurrence> occurrences, Set<Integer> acted,
                                           Map<String, NameDecision> decisionsInForce, List<LabelledOccurrence> inWeek,
                                           Instant start, Instant rateFrom, Instant compareFrom, int k,
                                           ReviewConfig config) {
        Map<String, Integer> volume = countByName(inWeek);
        Map<String, Integer> before = countByName(occurrences.stream()
                .filter(o -> !o.startsAt().isBefore(compareFrom) && o.startsAt().isBefore(start)).toList());
        Map<String, int[]> rate = new HashMap<>();
        for (LabelledOccurrence o : occurrences) {
            if (!o.startsAt().isBefore(rateFrom)) {
                int[] r = rate.computeIfAbsent(o.alertname(), n -> new int[2]);
                r[0]++;
                r[1] += acted.contains(o.itemId()) ? 1 : 0;
            }
        }
        return volume.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(1, Math.min(50, config.noisiest())))
                .map(e -> {
                    String name = e.getKey();
                    double usual = before.getOrDefault(name, 0) / (double) k;
                    int[] r = rate.getOrDefault(name, new int[2]);
                    NameDecision inForce = decisionsInForce.get(name);
                    return new Review.NoisyName(name, e.getValue(), Math.round(usual * 10) / 10.0,
                            trend(e.getValue(), usual), r[0], r[1], r[0] == 0 ? 0 : (double) r[1] / r[0],
                            suggestion(r[0], r[1], config.rateDays(), inForce),
                            inForce == null ? null : inForce.kind());
                })
                .toList();
    }

    static String trend(int volume, double usual) {
        if (usual == 0) {
            return volume == 0 ? "flat" : "new";
        }
        if (volume > usual * 1.25) {
            return "up";
        }
        return volume < usual * 0.8 ? "down" : "flat";
    }

    /** A concrete next step for an alert name, from how often people acted on it. */
    static String suggestion(int fired, int acted, int days, NameDecision inForce) {
        String record = "acted on " + acted + " of " + fired + " time" + (fired == 1 ? "" : "s") + " in " + days + " days";
        if (inForce != null && "known_noise".equals(inForce.kind())) {
            return record + " — marked known noise by " + inForce.actor() + "; review the playbook draft in git";
        }
        if (inForce != null && "keep_paging".equals(inForce.kind())) {
            return record + " — kept paging by " + inForce.actor() + " despite its score";
        }
        double rate = fired == 0 ? 0 : (double) acted / fired;
        if (acted == 0) {
            return record + " — tune the rule, retire it, or mark it known noise in its playbook";
        }
        if (rate < 0.1) {
            return record + " (" + ReviewService.pct(rate) + ") — raise its threshold or add a never_page guardrail to its playbook";
        }
        if (rate >= 0.5) {
            return record + " (" + ReviewService.pct(rate) + ") — a real signal: keep paging it and fix the cause";
        }
        return record + " (" + ReviewService.pct(rate) + ") — review its threshold with the playbook's owner";
    }

    /** Alert names people act on much more often than in the weeks before: possible new failure modes. */
    static List<Review.RisingName> rising(List<LabelledOccurrence> occurrences, Set<Integer> acted,
                                          List<LabelledOccurrence> inWeek, Instant start, Instant compareFrom) {
        Map<String, int[]> now = rateByName(inWeek, acted);
        Map<String, int[]> before = rateByName(occurrences.stream()
                .filter(o -> !o.startsAt().isBefore(compareFrom) && o.startsAt().isBefore(start)).toList(), acted);
        List<Review.RisingName> out = new ArrayList<>();
        now.forEach((name, r) -> {
            if (r[0] < 3) {
                return;
            }
            double rate = (double) r[1] / r[0];
            int[] b = before.getOrDefault(name, new int[2]);
            double prev = b[0] == 0 ? 0 : (double) b[1] / b[0];
            if (rate >= 0.3 && rate - prev >= 0.25) {
                out.add(new Review.RisingName(name, r[0], r[1], rate, prev));
            }
        });
        out.sort(Comparator.comparingDouble((Review.RisingName r) -> r.rate() - r.previousRate()).reversed()
                .thenComparing(Review.RisingName::alertname));
        return out.stream().limit(ReviewService.MAX_CLUSTERS).toList();
    }

    private static Map<String, Integer> countByName(List<LabelledOccurrence> occ) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (LabelledOccurrence o : occ) {
            out.merge(o.alertname(), 1, Integer::sum);
        }
        return out;
    }

    private static Map<String, int[]> rateByName(List<LabelledOccurrence> occ, Set<Integer> acted) {
        Map<String, int[]> out = new TreeMap<>();
        for (LabelledOccurrence o : occ) {
            int[] r = out.computeIfAbsent(o.alertname(), n -> new int[2]);
            r[0]++;
            r[1] += acted.contains(o.itemId()) ? 1 : 0;
        }
        return out;
    }
}
