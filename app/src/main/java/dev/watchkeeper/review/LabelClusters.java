package dev.watchkeeper.review;

import dev.watchkeeper.core.Json;
import dev.watchkeeper.db.review.ReviewStore.LabelledOccurrence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The weekly review's clusters: label values many of the week's items share, a failure mode in common. */
final class LabelClusters {

    /** Labels that say nothing about a failure mode (they are the item's identity or the sender's plumbing). */
    static final Set<String> NOT_CLUSTER_LABELS = Set.of("alertname", "severity", "instance", "pod", "job", "status",
            "fingerprint", "endpoint", "container", "prometheus", "receiver");

    private LabelClusters() {
    }

    /** Label values shared by many items of the week; values that nearly every item shares are not a pattern. */
    static List<Review.Cluster> of(List<LabelledOccurrence> inWeek, Set<String> groupingLabels, int clusterMinItems) {
        Map<String, Set<Integer>> itemsOf = new TreeMap<>();
        Map<String, Set<String>> namesOf = new HashMap<>();
        Set<Integer> allItems = new LinkedHashSet<>();
        Map<String, Map<String, String>> parsed = new HashMap<>();
        for (LabelledOccurrence o : inWeek) {
            allItems.add(o.itemId());
            Map<String, String> labels = parsed.computeIfAbsent(o.labelsJson(), LabelClusters::labels);
            for (Map.Entry<String, String> l : labels.entrySet()) {
                if (NOT_CLUSTER_LABELS.contains(l.getKey()) || groupingLabels.contains(l.getKey()) || l.getValue() == null || l.getValue().isBlank()) {
                    continue;
                }
                String key = l.getKey() + "=" + l.getValue();
                itemsOf.computeIfAbsent(key, x -> new TreeSet<>()).add(o.itemId());
                namesOf.computeIfAbsent(key, x -> new TreeSet<>()).add(o.alertname());
            }
        }
        int min = Math.max(2, clusterMinItems);
        List<Review.Cluster> out = new ArrayList<>();
        itemsOf.forEach((key, ids) -> {
            if (ids.size() >= min && ids.size() < Math.max(min + 1, allItems.size() * 0.8)) {
                int eq = key.indexOf('=');
                out.add(new Review.Cluster(key.substring(0, eq), key.substring(eq + 1), ids.size(),
                        List.copyOf(namesOf.get(key)), ids.stream().limit(ReviewService.MAX_LISTED).toList()));
            }
        });
        out.sort(Comparator.comparingInt(Review.Cluster::items).reversed()
                .thenComparing(c -> -c.alertnames().size()).thenComparing(Review.Cluster::key));
        return out.stream().limit(ReviewService.MAX_CLUSTERS).toList();
    }

    static Map<String, String> labels(String json) {
        try {
            return json == null ? Map.of() : Json.stringMap(json);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
