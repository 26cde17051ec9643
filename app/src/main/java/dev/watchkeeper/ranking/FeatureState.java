package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.OccurrenceFact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the features need, in memory: when each alert name, fingerprint, service and group fired,
 * and when occurrences of each were acted on (the time the decision was made, because labels arrive
 * late). Queries take an instant and only count events strictly before it, so the same state answers
 * "as of t" for any t, and holding events after t cannot leak into a feature as of t.
 */
public final class FeatureState {

    static final String GLOBAL = "*";

    private final Map<String, TimeSeries> fires = new HashMap<>();
    private final Map<String, TimeSeries> acted = new HashMap<>();
    private final Map<Integer, List<Occ>> itemOccurrences = new HashMap<>();
    private final Map<Integer, Long> itemActedAt = new HashMap<>();
    private final Map<Integer, OccurrenceFact> latestOfItem = new HashMap<>();
    private final Map<String, String> interned = new HashMap<>();

    private record Occ(String alertname, String fingerprint, String service, String group, long startsAt) {
    }

    static String nameKey(String alertname) {
        return "a:" + alertname;
    }

    static String fingerprintKey(String fingerprint) {
        return "f:" + fingerprint;
    }

    static String serviceKey(String service) {
        return "s:" + (service == null ? "" : service);
    }

    static String groupKey(String group) {
        return "g:" + group;
    }

    /** Records that an occurrence fired. */
    public void addOccurrence(OccurrenceFact o) {
        Occ occ = new Occ(intern(nameKey(o.alertname())), intern(fingerprintKey(o.fingerprint())),
                intern(serviceKey(o.service())), intern(groupKey(o.groupKey())), o.startsAt());
        series(fires, occ.alertname).add(o.startsAt());
        series(fires, occ.fingerprint).add(o.startsAt());
        series(fires, occ.service).add(o.startsAt());
        series(fires, GLOBAL).add(o.startsAt());
        itemOccurrences.computeIfAbsent(o.itemId(), k -> new ArrayList<>(2)).add(occ);
        OccurrenceFact latest = latestOfItem.get(o.itemId());
        if (latest == null || o.startsAt() >= latest.startsAt()) {
            latestOfItem.put(o.itemId(), o);
        }
    }

    /**
     * Records that an item was acted on at {@code at}: every occurrence of it that started before then
     * becomes a positive for its alert name, fingerprint and service, known from {@code at}.
     */
    public void addActed(int itemId, long at) {
        if (itemActedAt.containsKey(itemId)) {
            return;
        }
        itemActedAt.put(itemId, at);
        String group = null;
        for (Occ occ : itemOccurrences.getOrDefault(itemId, List.of())) {
            if (occ.startsAt >= at) {
                continue;
            }
            series(acted, occ.alertname).add(at);
            series(acted, occ.fingerprint).add(at);
            series(acted, occ.service).add(at);
            series(acted, GLOBAL).add(at);
            group = occ.group;
        }
        if (group != null) {
            series(acted, group).add(at);
        }
    }

    /** When the item was first acted on (epoch millis), or {@link Long#MAX_VALUE} if never. */
    public long actedAt(int itemId) {
        return itemActedAt.getOrDefault(itemId, Long.MAX_VALUE);
    }

    /** The most recent occurrence of an item, or null. */
    public OccurrenceFact latestOccurrence(int itemId) {
        return latestOfItem.get(itemId);
    }

    int fires(String key, long from, long to) {
        TimeSeries s = fires.get(key);
        return s == null ? 0 : s.countIn(from, to);
    }

    int acted(String key, long from, long to) {
        TimeSeries s = acted.get(key);
        return s == null ? 0 : s.countIn(from, to);
    }

    long lastFire(String key, long before) {
        TimeSeries s = fires.get(key);
        return s == null ? Long.MIN_VALUE : s.lastBefore(before);
    }

    long lastActed(String key, long before) {
        TimeSeries s = acted.get(key);
        return s == null ? Long.MIN_VALUE : s.lastBefore(before);
    }

    private String intern(String s) {
        String known = interned.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private static TimeSeries series(Map<String, TimeSeries> map, String key) {
        return map.computeIfAbsent(key, k -> new TimeSeries());
    }
}
