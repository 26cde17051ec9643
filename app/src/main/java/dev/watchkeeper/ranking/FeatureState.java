package dev.watchkeeper.ranking;

import dev.watchkeeper.db.ranking.OccurrenceFact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the features need, in memory: when each alert name, fingerprint, service and group fired,
 * and when occurrences of each were acted on (the time the decision was made, because labels arrive
 * late). Per item it keeps only the occurrences no decision has settled yet. Queries take an instant and only count events strictly before it, so the same state answers
 * "as of t" for any t, and holding events after t cannot leak into a feature as of t.
 */
public final class FeatureState {

    static final String GLOBAL = "*";

    private final Map<String, TimeSeries> fires = new HashMap<>();
    private final Map<String, TimeSeries> acted = new HashMap<>();
    private final Map<String, ValueSeries> values = new HashMap<>();
    private final Map<Integer, List<Occ>> itemOccurrences = new HashMap<>();
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
        series(fires, occ.group).add(o.startsAt());
        double value = Features.value(o);
        if (!Double.isNaN(value)) {
            values.computeIfAbsent(occ.alertname, k -> new ValueSeries()).add(o.startsAt(), value);
        }
        itemOccurrences.computeIfAbsent(o.itemId(), k -> new ArrayList<>(2)).add(occ);
        OccurrenceFact latest = latestOfItem.get(o.itemId());
        if (latest == null || o.startsAt() >= latest.startsAt()) {
            latestOfItem.put(o.itemId(), o);
        }
    }

    /**
     * Records a decision on an item at {@code at}. It settles the item's occurrences that fired since
     * its previous decision (up to {@code at}); when it is {@code acted} they become positives for their
     * alert name, fingerprint and service, known from {@code at}.
     */
    public void addDecision(int itemId, String kind, long at) {
        List<Occ> pending = itemOccurrences.get(itemId);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        boolean acted = "acted".equals(kind);
        String group = null;
        for (java.util.Iterator<Occ> it = pending.iterator(); it.hasNext(); ) {
            Occ occ = it.next();
            if (occ.startsAt > at) {
                continue;
            }
            it.remove();
            if (acted) {
                series(this.acted, occ.alertname).add(at);
                series(this.acted, occ.fingerprint).add(at);
                series(this.acted, occ.service).add(at);
                series(this.acted, GLOBAL).add(at);
                group = occ.group;
            }
        }
        if (group != null) {
            series(this.acted, group).add(at);
        }
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

    /** See {@link ValueSeries#standing}. */
    double[] valueStanding(String key, long from, long to, double value) {
        ValueSeries s = values.get(key);
        return s == null ? new double[]{0, 0, 0} : s.standing(from, to, value);
    }

    private String intern(String s) {
        String known = interned.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private static TimeSeries series(Map<String, TimeSeries> map, String key) {
        return map.computeIfAbsent(key, k -> new TimeSeries());
    }
}
