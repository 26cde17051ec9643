package dev.watchkeeper.review;

import dev.watchkeeper.db.Database;
import dev.watchkeeper.db.ItemRow;
import dev.watchkeeper.db.review.ReviewStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paging quality from what the record holds today: {@code triage_item.paged_at} for the policy in force, the
 * {@code acted} actions, and each alert name's action rate over the {@link ReviewConfig#rateDays()} before the week
 * (known at the week's start, so no hindsight) for the per-alert-name policy.
 */
@Singleton
public class RecordPagingFigures implements PagingFigures {

    private final Database db;
    private final ReviewStore store;
    private final ReviewConfig config;
    private final Clock clock;

    public RecordPagingFigures(Database db, ReviewStore store, ReviewConfig config, Clock clock) {
        this.db = db;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Review.PagingQuality of(Week week) {
        Instant start = week.start();
        Instant end = week.end();
        Instant now = clock.instant();
        Instant rateFrom = start.minus(Duration.ofDays(config.rateDays()));
        ZoneId zone = week.zone();
        return db.read(dsl -> {
            List<ItemRow> items = store.itemsAlive(dsl, rateFrom, end);
            Set<Integer> actedEver = store.actedBefore(dsl, rateFrom, now.isAfter(end) ? now : end);
            Set<Integer> actedBeforeStart = store.actedBefore(dsl, rateFrom, start);
            Map<Integer, Instant> actedInWeek = store.firstActionIn(dsl, List.of("acted"), start, end);

            // The policy in force.
            int paged = 0;
            int pagedActed = 0;
            int night = 0;
            Map<Integer, ItemRow> byId = new HashMap<>();
            for (ItemRow i : items) {
                byId.put(i.id(), i);
                if (i.pagedAt() != null && !i.pagedAt().isBefore(start) && i.pagedAt().isBefore(end)) {
                    paged++;
                    pagedActed += actedEver.contains(i.id()) ? 1 : 0;
                    night += atNight(i.pagedAt(), zone) ? 1 : 0;
                }
            }
            int actedPaged = (int) actedInWeek.keySet().stream()
                    .filter(id -> byId.containsKey(id) && byId.get(id).pagedAt() != null).count();
            Review.Policy model = new Review.Policy("model", paged, pagedActed, actedInWeek.size(), actedPaged,
                    perShift(paged), night);

            // The per-alert-name policy: page an item when its name's action rate before the week is high enough.
            Map<String, int[]> rates = new HashMap<>();
            Set<Integer> counted = new HashSet<>();
            Map<Integer, Instant> firstInWeek = new HashMap<>();
            Map<Integer, String> nameOf = new HashMap<>();
            for (ReviewStore.LabelledOccurrence o : store.occurrences(dsl, rateFrom, end)) {
                nameOf.putIfAbsent(o.itemId(), o.alertname());
                if (o.startsAt().isBefore(start)) {
                    int[] r = rates.computeIfAbsent(o.alertname(), k -> new int[2]);
                    r[0]++;
                    r[1] += actedBeforeStart.contains(o.itemId()) ? 1 : 0;
                } else {
                    firstInWeek.putIfAbsent(o.itemId(), o.startsAt());
                }
            }
            Map<Integer, String> names = store.alertnameOfItems(dsl, rateFrom, end);
            names.forEach(nameOf::putIfAbsent);
            int namePaged = 0;
            int namePagedActed = 0;
            int nameNight = 0;
            for (Map.Entry<Integer, Instant> e : firstInWeek.entrySet()) {
                if (pages(rates, nameOf.get(e.getKey()))) {
                    namePaged++;
                    namePagedActed += actedEver.contains(e.getKey()) ? 1 : 0;
                    nameNight += atNight(e.getValue(), zone) ? 1 : 0;
                    counted.add(e.getKey());
                }
            }
            int nameActedPaged = (int) actedInWeek.keySet().stream()
                    .filter(id -> counted.contains(id) || pages(rates, nameOf.get(id))).count();
            Review.Policy byName = new Review.Policy("alert-name rate ≥ " + Math.round(config.nameRateThreshold() * 100) + "%",
                    namePaged, namePagedActed, actedInWeek.size(), nameActedPaged, perShift(namePaged), nameNight);

            var live = store.liveModel(dsl);
            return new Review.PagingQuality(model, byName,
                    live.map(m -> m.kind() + " #" + m.id() + " (threshold " + String.format(java.util.Locale.ROOT, "%.2f",
                            m.threshold()) + ")").orElse("none: the heuristic scorer serves"),
                    live.map(ReviewStore.LiveModel::liveSince).orElse(null),
                    paged == 0 && !actedInWeek.isEmpty() ? "Nothing was paged through the live alert path this week"
                            + " (imported history carries no pages), so the policy in force shows no pages." : null);
        });
    }

    private boolean pages(Map<String, int[]> rates, String alertname) {
        if (alertname == null) {
            return false;
        }
        int[] r = rates.get(alertname);
        // Smoothed like the fallback scorer: an unknown name starts at one in two.
        double rate = r == null ? 0.5 : (r[1] + 1.0) / (r[0] + 2.0);
        return rate >= config.nameRateThreshold();
    }

    private double perShift(int pages) {
        return Math.round(pages * config.shiftDays() / 7.0 * 10) / 10.0;
    }

    static boolean atNight(Instant at, ZoneId zone) {
        int h = at.atZone(zone).getHour();
        return h >= 22 || h < 7;
    }
}
